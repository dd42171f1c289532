"""article pdf: the original of an article read from a PDF, and its text map

Table article_pdf (article_id, the PDF's bytes as they were, the map from each character of
the article's text to its page and box); removed with its article. Existing data is untouched.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_pdf",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("original", sa.LargeBinary(), nullable=False),
        sa.Column("text_map", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )


def downgrade() -> None:
    op.drop_table("article_pdf")
