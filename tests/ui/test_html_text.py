"""reader.ui.html_text.escape is html.escape, without loading the html module."""

import html

from reader.ui.html_text import escape


def test_escape_is_html_escape():
    for text in ("", "plain", "a & b < c > d", "\"quoted\" and 'single'", "&amp; already", "é ü"):
        assert escape(text) == html.escape(text)
        assert escape(text, quote=False) == html.escape(text, quote=False)
