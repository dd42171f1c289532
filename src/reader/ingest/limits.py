"""How big an article reader takes in, and the one line that refuses a bigger one.

Why these numbers: `benchmarks/import_limits.py` measured (2 cores shared with other jobs)
what the window and the PDF export do with long texts. Both grow faster than the text —

    text chars   import         open in window    PDF export
       52,428    0.4 s,  78 MB    0.9 s, 154 MB    1.6 s,  93 MB
      104,857    1.1 s,  81 MB    4.8 s, 164 MB    4.7 s, 102 MB
      262,144    1.5 s,  90 MB   11.5 s, 208 MB   11.5 s, 145 MB
      524,288    1.2 s,  98 MB   36.5 s, 330 MB   56.3 s, 276 MB

— so a text of 1 MB or more would take minutes to open, and the issue's 31.7 MB page never
opened at all. The limit keeps opening under about 10 s: 200,000 characters, some 30,000
words, ten times a long feature article. Pages carry markup, scripts and inline data besides
their text, so a saved page or a download may be larger (MAX_PAGE_BYTES), while a text file is
refused from its size alone when even four bytes per character would be too many.
"""

from __future__ import annotations

from reader.errors import InputError

MAX_TEXT_CHARS = 200_000
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
