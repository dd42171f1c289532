"""The lines the Sources panel writes about the people sharing a library: the team's ratings of
a source beside the user's own, and who corrected it."""

from __future__ import annotations

from typing import Any

from reader.ui.html_text import escape
from reader.ui.source_chips import rating_label, signed


def team_spread_text(spread: Any) -> tuple[str, str]:
    """The team's ratings of a source in a line ("Team: 3 ratings, mean +0.3, −1 … +2") and a
    tooltip listing each member's."""
    count = spread.count
    if count == 1:
        (who, value), *_ = spread.by_member.items()
        line = f"Team: 1 rating ({signed(value)} by {escape(who)})"
    else:
        mean = f"{spread.mean:+.1f}".replace("-", "−")
        line = f"Team: {count} ratings, mean {mean}, {signed(spread.low)} … {signed(spread.high)}"
    tip = "\n".join(
        f"{who}: {rating_label(v)} ({signed(v)})" for who, v in sorted(spread.by_member.items())
    )
    return line, tip


CORRECTED = {"rename": "Renamed", "merge": "Merged", "move": "Given a statement"}


def corrected_by(
    source_key: str, corrections: list[Any], me: str = "", names: dict[str, str] | None = None
) -> str:
    """Who corrected this source of the article, in a line: "Renamed by ana · Merged by you"
    (a merge and a move name both sources they join); "" when nobody did, or only the user
    (`me`: a library of one person says nothing); `names` gives members' display labels."""
    said: list[str] = []
    others = False
    for c in corrections:
        if c.orphaned or not c.creator or c.action not in CORRECTED:
            continue
        if c.source_key == source_key or (c.action in ("merge", "move") and c.value == source_key):
            others = others or c.creator != me
            who = "you" if c.creator == me else (names or {}).get(c.creator, c.creator)
            line = f"{CORRECTED[c.action]} by {who}"
            if line not in said:
                said.append(line)
    return escape(" · ".join(said)) if others else ""
