"""note drafts: the text of a note being written, kept as it is typed

One row per article and anchor ("h<highlight id>" or "r<start>-<end>" for a new note on a
selection); removed with its article or its highlight. Existing data is untouched.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 20:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString()
    op.create_table(
        "note_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("highlight_id", sa.Integer(), nullable=True),
        sa.Column("anchor", text, nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("exact", text, nullable=False),
        sa.Column("prefix", text, nullable=False),
        sa.Column("suffix", text, nullable=False),
        sa.Column("color", text, nullable=False),
        sa.Column("text", text, nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["highlight_id"], ["highlight.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", "anchor"),
    )
    with op.batch_alter_table("note_draft", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_note_draft_highlight_id"), ["highlight_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("note_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_draft_highlight_id"))
    op.drop_table("note_draft")
