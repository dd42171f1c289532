"""A plain-text file's title (issue 13, item 7): its first line when that reads as a heading,
else the file's name — never the first sentence cut with "…"."""

from __future__ import annotations

import pytest

from reader.ingest.files import read_path

LEAD = (
    "The self-proclaimed leader of the province, under whose rule the region joined the "
    "alliance in 2022, has now declared the need for talks between the two capitals."
)


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        (
            "a.txt",
            "Bridge closed after cracks found\n\nThe old bridge …",
            "Bridge closed after cracks found",
        ),
        ("a.txt", "Talks resume.\nThe two sides met.", "Talks resume."),
        ("harbour_vote-2024.txt", LEAD + "\nMore text.", "Harbour vote 2024"),
        ("Kyiv Post report.txt", LEAD, "Kyiv Post report"),
        ("b.txt", "The minister said on Friday that the talks would go on next week.\n", "B"),
    ],
)
def test_title_of_a_text_file(tmp_path, name, text, title):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_path(path)
    assert doc.title == title
    assert "…" not in doc.title
