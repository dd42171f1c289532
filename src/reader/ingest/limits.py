"""How big an article reader takes in, and the one line that refuses a bigger one.

Why these numbers: `benchmarks/import_limits.py` measured what the window and the PDF export
do with long texts (the sample's paragraphs repeated; 2 cores shared with other jobs, load ~9):

    text chars   import          open in window    PDF export
       52,428    0.4 s,  78 MB     0.9 s, 154 MB     1.6 s,  93 MB
      104,857    1.3 s,  84 MB     5.1 s, 165 MB     6.2 s, 103 MB
      157,286    1.8 s,  87 MB    11.3 s, 177 MB    15.5 s, 115 MB
      199,229    3.1 s,  89 MB    19.8 s, 188 MB    21.0 s, 126 MB
      524,288    2.9 s, 103 MB   107.2 s, 330 MB   138.3 s, 265 MB
    1,046,082   10.5 s, 134 MB     > 300 s           > 300 s

Opening and exporting grow with the square of the statements (the window and the PDF relate
every statement to every other, `analysis.credibility.relations`), so the issue's 31.7 MB page
could never be opened. The limit keeps both near 5 s even on a busy machine: 100,000
characters, some 16,000 words, longer than nearly every news article. Pages carry markup,
scripts and inline data besides their text, so a saved page or a download may be larger
(MAX_PAGE_BYTES: parsing 10 MB takes seconds), while a text file is refused from its size alone
when even four bytes a character would be too many.
"""

from __future__ import annotations

from reader.errors import InputError

MAX_TEXT_CHARS = 100_000
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
