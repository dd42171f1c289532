"""How big an article reader takes in, and the one line that refuses a bigger one.

Why these numbers: `benchmarks/import_limits.py` measures what the window and the PDF export
do with long texts (the sample's paragraphs repeated, each step in its own process). Once
relations between statements became bounded work (`analysis.relations`), opening and exporting
grew about linearly; measured on the 2-core machine, lightly loaded:

    text chars   import          open in window    PDF export
      104,857    0.6 s,  84 MB     0.7 s, 190 MB     0.8 s, 100 MB
      209,715    0.7 s,  90 MB     1.4 s, 206 MB     1.9 s, 115 MB
      524,288    1.5 s, 107 MB     4.9 s, 258 MB     6.2 s, 160 MB
    1,046,082    2.8 s, 139 MB    13.7 s, 341 MB    15.9 s, 232 MB

(Before that, relating every statement to every other made 0.5 MB take 107 s to open and 1 MB
over 300 s, so the issue's 31.7 MB page could never have been opened.) The limit, 300,000
characters (some 50,000 words, far longer than nearly every news article), keeps opening near
3 s and the window under about 250 MB even on a busier machine. Pages carry markup, scripts
and inline data besides their text, so a saved page or a download may be larger
(MAX_PAGE_BYTES: parsing 10 MB takes seconds), while a text file is refused from its size alone
when even four bytes a character would be too many.
"""

from __future__ import annotations

from reader.errors import InputError

MAX_TEXT_CHARS = 300_000
MAX_PAGE_BYTES = 10 * 1024 * 1024  # a saved or downloaded web page, markup included
MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS  # UTF-8 and UTF-16 take at most 4 bytes a character
TEXT_LIMIT_NOTE = f"reader opens articles up to {MAX_TEXT_CHARS:,} characters of text"
PAGE_LIMIT_NOTE = f"reader opens web pages up to {MAX_PAGE_BYTES // 1048576} MB"


def megabytes(n: int) -> str:
    """A size for a person: "31.7 MB", "146 KB", "512 bytes"."""
    if n >= 1048576:
        return f"{n / 1048576:.1f} MB".replace(".0 MB", " MB")
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def check_text_size(text: str, name: str, limit: int = MAX_TEXT_CHARS) -> None:
    """An InputError when an article's text is longer than reader can show and export."""
    if len(text) > limit:
        raise InputError(
            f"Cannot open {name}: too large: {len(text):,} characters of text; "
            f"reader opens articles up to {limit:,} characters"
        )
