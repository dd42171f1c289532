"""A heading that is only a link (another story's headline) never enters the article."""

from __future__ import annotations

from reader.ingest.html import document_from_html

PARA = "<p>The harbour board voted on Monday to raise the fees for the third time this decade.</p>"
PAGE = f"""<html><head><title>Harbour fees rise</title></head><body><article>
<h1><a href="/harbour-fees">Harbour fees rise</a></h1>
{PARA * 3}
<h2>What the vote means</h2>
<p>"We had no choice," said Mara Lind, who chairs the board, after the meeting ended.</p>
{PARA * 2}
<h2><a href="/other-story">Ferry timetable changes for the winter season</a></h2>
{PARA}
<h3><a href="/x">Storm</a> warnings for the coast</h3>
{PARA * 2}
</article></body></html>"""


def test_a_heading_made_of_a_link_is_left_out() -> None:
    doc = document_from_html(PAGE, "page.html")
    assert "Ferry timetable changes" not in doc.text
    assert "What the vote means" in doc.text  # the article's own subhead stays
    assert "Storm warnings for the coast" in doc.text  # only partly a link: the article's
    assert "said Mara Lind" in doc.text


def test_the_headline_stays_even_when_it_links_to_the_page() -> None:
    doc = document_from_html(PAGE, "page.html")
    assert doc.title == "Harbour fees rise"
    assert "Ferry timetable changes for the winter season" not in doc.headings
