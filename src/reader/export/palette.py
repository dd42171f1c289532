"""The colours of sources, shared by the window (reader.ui.theme) and the PDF export: one
palette per theme, and the rule that gives each source its colour, so a source has the same
colour on screen and on paper.
"""

from __future__ import annotations

from reader.analysis.model import Analysis

Color = tuple[float, float, float]

# distinguishable on paper and on a light page; the most cited sources come first
LIGHT_SOURCES: tuple[str, ...] = (
    "#2f6f9f",
    "#b5562f",
    "#3d8b5a",
    "#8a4f9e",
    "#b08a1e",
    "#2a8a8a",
    "#a8446b",
    "#5a6fb5",
    "#6f7f2a",
    "#8c5a3c",
)
DARK_SOURCES: tuple[str, ...] = (
    "#6fa8d6",
    "#e08a62",
    "#74c28f",
    "#c08ad1",
    "#d8b54f",
    "#5fc0c0",
    "#e07aa0",
    "#93a5e8",
    "#a9bb5c",
    "#c9967a",
)


def source_ranks(analysis: Analysis) -> dict[str, int]:
    """Each source's rank by number of statements (ties: order of the sources), which picks
    its colour: the most cited sources get the most distinct colours."""
    counts: dict[str, int] = {}
    for st in analysis.statements:
        counts[st.source] = counts.get(st.source, 0) + 1
    order = sorted(
        range(len(analysis.sources)),
        key=lambda i: (-counts.get(analysis.sources[i].id, 0), i),
    )
    return {analysis.sources[i].id: rank for rank, i in enumerate(order)}


def source_hex(rank: int, palette: tuple[str, ...] = LIGHT_SOURCES) -> str:
    return palette[rank % len(palette)]


def rgb(hex_color: str) -> Color:
    """ "#2f6f9f" as (r, g, b) in 0…1."""
    h = hex_color.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


def tint(color: Color, strength: float = 0.24) -> Color:
    """`color` mixed with white: light enough to print text over, still telling sources apart."""
    return (
        round(1 - strength * (1 - color[0]), 3),
        round(1 - strength * (1 - color[1]), 3),
        round(1 - strength * (1 - color[2]), 3),
    )


def claim_colors(analysis: Analysis) -> dict[str, Color]:
    """Source id → the shade under its statements in the PDF (the window's light palette)."""
    return {sid: tint(rgb(source_hex(rank))) for sid, rank in source_ranks(analysis).items()}
