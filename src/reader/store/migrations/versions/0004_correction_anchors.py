"""correction anchors: what a correction's ids stood for, so a new engine's ids are found again

Adds correction.anchor (JSON: the source's name and mentions, the merge or move target's, the
statement's quote with context) and correction.orphaned. Existing corrections get anchors read
from the article's stored analysis — the one their ids were made against — so a library made
before keeps every correction on its source when the new engine re-analyses it.

The anchor format is written out here, not imported, so that this revision keeps doing what it
did when the app's code moves on; it is the format of reader.annotate.corrections at 0004.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:40:00
"""

import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CONTEXT = 32  # characters of prefix and suffix around a statement's quote


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().removeprefix("the ").split())


def _source(text: str, row) -> dict:
    mentions = [[a, b, text[a:b]] for a, b in json.loads(row.mentions or "[]")]
    return {"name": row.name, "key": _key(row.name), "mentions": mentions}


def _statement(text: str, row) -> dict:
    a, b = row.start, row.end
    return {
        "exact": text[a:b],
        "prefix": text[max(0, a - CONTEXT) : a],
        "suffix": text[b : b + CONTEXT],
        "start": a,
    }


def upgrade() -> None:
    with op.batch_alter_table("correction", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "anchor",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="{}",
            )
        )
        batch_op.add_column(
            sa.Column("orphaned", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, article_id, action, source_key, statement_key, value FROM correction")
    ).all()
    for c in rows:
        (text,) = conn.execute(
            sa.text("SELECT text FROM article WHERE id = :a"), {"a": c.article_id}
        ).one()
        sources = {
            r.key: r
            for r in conn.execute(
                sa.text("SELECT key, name, mentions FROM article_source WHERE article_id = :a"),
                {"a": c.article_id},
            )
        }
        statements = {
            r.key: r
            for r in conn.execute(
                sa.text('SELECT key, start, "end" FROM statement WHERE article_id = :a'),
                {"a": c.article_id},
            )
        }
        anchor = {}
        if c.source_key in sources:
            anchor["source"] = _source(text, sources[c.source_key])
        if c.action in ("merge", "move") and c.value in sources:
            anchor["target"] = _source(text, sources[c.value])
        if c.statement_key in statements:
            anchor["statement"] = _statement(text, statements[c.statement_key])
        conn.execute(
            sa.text("UPDATE correction SET anchor = :anchor WHERE id = :id"),
            {"anchor": json.dumps(anchor), "id": c.id},
        )


def downgrade() -> None:
    with op.batch_alter_table("correction", schema=None) as batch_op:
        batch_op.drop_column("orphaned")
        batch_op.drop_column("anchor")
