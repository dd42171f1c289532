"""Imported pages never run scripts, load remote resources or become paths unsanitised."""

from pathlib import Path

from reader.ingest.html import document_from_html
from reader.ui.main_window import _file_stem

PAGE = """<html><head><title>Port strike ends</title>
<script>document.title = "hacked"</script>
<link rel="stylesheet" href="http://203.0.113.9/evil.css"></head>
<body><article><h1>Port strike ends</h1>
<p>Dock workers returned on Monday after a <b>nine-day</b> strike, the union said.</p>
<img src="http://203.0.113.9/pixel.gif"><iframe src="http://203.0.113.9/x"></iframe>
<p onclick="steal()">“We have a deal,” said Mara Olsen, the union's secretary.</p>
<script>steal()</script></article></body></html>"""


def test_scripts_and_remote_resources_are_not_kept() -> None:
    doc = document_from_html(PAGE, origin="page.html", name="page.html")
    assert "nine-day" in doc.text and "We have a deal" in doc.text
    for bad in ("steal", "document.title", "203.0.113.9", "<img", "<script"):
        assert bad not in doc.text


def test_article_is_shown_as_text_not_markup(window, tmp_path: Path) -> None:
    page = tmp_path / "markup.txt"
    page.write_text('Title\n<img src="http://203.0.113.9/x.gif"> <b>not bold</b>\n', "utf-8")
    window.open_path(str(page))
    doc = window.article_view.document()
    assert '<img src="http://203.0.113.9/x.gif"> <b>not bold</b>' in doc.toPlainText()
    assert (
        window.article_view.openLinks() is False
        and window.article_view.openExternalLinks() is False
    )


def test_titles_never_become_paths() -> None:
    for title in ("../../etc/passwd", "a/b\\c:d*e?f", "\x00nul", "   ", "CON"):
        stem = _file_stem(title)
        assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
        assert not stem.startswith(".")
