"""Text put into the rich text of labels and tooltips, escaped as `html.escape` does.

The window's start needs only the escaping; the `html` module imports `html.entities` with it
(a table of 2,231 named characters, some 1.3 ms of every start).
"""


def escape(text: str, quote: bool = True) -> str:
    """`html.escape(text, quote)`: &, < and > (and with `quote`, " and ') as references."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
