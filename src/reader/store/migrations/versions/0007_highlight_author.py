"""highlight author: who wrote a highlight, when it is not the user

Adds highlight.author: empty for the user's own highlights (every existing one), the /T of an
annotation found in a PDF when it was imported (Okular, Acrobat, a colleague's export), so that
the Annotations tab, the PDF export (/T) and the W3C export (creator) name them. Existing
highlights keep their notes as they are.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("highlight", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "author", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("highlight", schema=None) as batch_op:
        batch_op.drop_column("author")
