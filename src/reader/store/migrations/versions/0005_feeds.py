"""feeds: subscriptions and their entries

Tables feed (address, title, site, folder, the validators of the last answer, when it was
checked and is next due, its last error and failures in a row) and feed_entry (one row per
entry GUID of a feed; read state; the article it became, if any). Existing data is untouched.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString()
    op.create_table(
        "feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", text, nullable=False),
        sa.Column("title", text, nullable=False),
        sa.Column("site_url", text, nullable=True),
        sa.Column("folder", text, nullable=True),
        sa.Column("etag", text, nullable=True),
        sa.Column("last_modified", text, nullable=True),
        sa.Column("last_checked", sa.DateTime(), nullable=True),
        sa.Column("next_check", sa.DateTime(), nullable=True),
        sa.Column("error", text, nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    op.create_table(
        "feed_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("guid", text, nullable=False),
        sa.Column("url", text, nullable=True),
        sa.Column("title", text, nullable=False),
        sa.Column("summary", text, nullable=False),
        sa.Column("published", text, nullable=True),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["feed_id"], ["feed.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("feed_id", "guid"),
    )
    with op.batch_alter_table("feed_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_entry_article_id"), ["article_id"], unique=False)
        batch_op.create_index("ix_feed_entry_feed_id_read", ["feed_id", "read"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feed_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_feed_entry_feed_id_read")
        batch_op.drop_index(batch_op.f("ix_feed_entry_article_id"))
    op.drop_table("feed_entry")
    op.drop_table("feed")
