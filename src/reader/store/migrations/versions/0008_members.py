"""members: who made each highlight, note, rating and correction; private and shared
highlights; ratings and source notes per person; row versions for conflict detection

- highlight: `creator` (the member who made it; `author` keeps its meaning, the /T of an
  annotation imported from a PDF), `shared` (false: private to its creator) and `version`.
- correction: `creator` and `version` (corrections are team-wide and say who made them).
- note_draft: `creator`; a draft is unique per article, anchor and creator (two members may
  write a note on the same highlight at once).
- source_rating (library_source_id, member, rating, updated_at, version), readable by the whole
  team for the spread; source_note (… note …), private to its member. Split in two because
  PostgreSQL's row-level security hides rows, not columns: a private note cannot sit in a row
  the team reads. LibrarySource.rating and .note are copied into them for the library's user
  and left in place, no longer read or written.
- member (name, display_name): the name shown beside a member's identity.

The identity of existing rows: on SQLite the login of the user running the upgrade (also kept
as the setting "member", so that the library's user stays their creator); on PostgreSQL the
role running it (the column default is `current_user`). On PostgreSQL, row-level security
(ENABLED and FORCED, so the tables' owner is held too; superusers are not) lets a member read
their own highlights, notes and drafts and the shared ones, and write only their own; ratings,
corrections and display names are read by all and written by their creator — except that a
correction's re-mapping to a new analysis is made by whoever re-analyses (its creator stays).
A highlight no longer goes with its article there (ON DELETE RESTRICT): a foreign key's cascade
passes over row-level security, and deleting an article would delete other members' notes,
even those its deleter cannot see; the library deletes the user's own first, and an article
holding another member's is refused.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:45:00
"""

import getpass
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString()
ME = "current_user::text"  # the member a PostgreSQL session acts as

# table → (USING of the rows a member reads, USING/CHECK of the rows a member writes)
POLICIES = {
    "highlight": (f"shared OR creator = {ME}", f"creator = {ME}"),
    "note_draft": (f"creator = {ME}", f"creator = {ME}"),
    "source_rating": ("true", f"member = {ME}"),
    "source_note": (f"member = {ME}", f"member = {ME}"),
    "correction": ("true", f"creator = {ME}"),
    "member": ("true", f"name = {ME}"),
}


def login_name() -> str:
    """The user running the upgrade, as the library names them on SQLite (see
    reader.library.members; a copy: a migration never changes with the code)."""
    try:
        return getpass.getuser() or "me"
    except (KeyError, OSError):  # no such user in the password database, no LOGNAME
        return "me"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    creator = sa.text("CURRENT_USER") if postgres else sa.text("''")
    for table in ("highlight", "correction", "note_draft"):
        # plain ADD COLUMN, not batch: rebuilding `highlight` on SQLite would drop its search
        # triggers and, through ON DELETE CASCADE, the drafts on it
        op.add_column(table, sa.Column("creator", TEXT, nullable=False, server_default=creator))
        if table != "note_draft":
            op.add_column(
                table, sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
    op.add_column(
        "highlight", sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    _draft_per_creator(postgres)
    for table, column in (("source_rating", "rating"), ("source_note", "note")):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("library_source_id", sa.Integer(), nullable=False),
            sa.Column("member", TEXT, nullable=False, server_default=creator),
            sa.Column("rating", sa.Integer(), nullable=True)  # −2 … +2; None: not rated
            if column == "rating"
            else sa.Column("note", TEXT, nullable=False, server_default=""),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
            sa.ForeignKeyConstraint(
                ["library_source_id"], ["library_source.id"], ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("library_source_id", "member", name=f"uq_{table}_member"),
        )
    op.create_table(
        "member",
        sa.Column("name", TEXT, nullable=False),
        sa.Column("display_name", TEXT, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("name"),
    )
    _move_user_data(postgres)
    if postgres:
        _row_security()


def _draft_per_creator(postgres: bool) -> None:
    """note_draft: unique per (article, anchor, creator) instead of (article, anchor)."""
    if postgres:
        name = (
            op.get_bind()
            .execute(
                sa.text(
                    "SELECT conname FROM pg_constraint WHERE conrelid = 'note_draft'::regclass "
                    "AND contype = 'u'"
                )
            )
            .scalar()
        )
        if name:
            op.execute(f'ALTER TABLE note_draft DROP CONSTRAINT "{name}"')
        op.create_unique_constraint(
            "uq_note_draft_creator", "note_draft", ["article_id", "anchor", "creator"]
        )
        return
    # SQLite: the old constraint has no name to drop, so the table is made again (nothing
    # refers to note_draft: dropping it cascades nowhere)
    op.execute(
        "CREATE TABLE note_draft_new (id INTEGER NOT NULL, article_id INTEGER NOT NULL, "
        'highlight_id INTEGER, anchor VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER '
        "NOT NULL, exact VARCHAR NOT NULL, prefix VARCHAR NOT NULL, suffix VARCHAR NOT NULL, "
        "color VARCHAR NOT NULL, text VARCHAR NOT NULL, updated_at DATETIME NOT NULL, "
        "creator VARCHAR DEFAULT '' NOT NULL, PRIMARY KEY (id), "
        "FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, "
        "FOREIGN KEY(highlight_id) REFERENCES highlight (id) ON DELETE CASCADE, "
        "CONSTRAINT uq_note_draft_creator UNIQUE (article_id, anchor, creator))"
    )
    columns = (
        'id, article_id, highlight_id, anchor, start, "end", exact, prefix, suffix, color, '
        "text, updated_at, creator"
    )
    op.execute(f"INSERT INTO note_draft_new ({columns}) SELECT {columns} FROM note_draft")
    op.execute("DROP TABLE note_draft")
    op.execute("ALTER TABLE note_draft_new RENAME TO note_draft")
    op.execute("CREATE INDEX ix_note_draft_highlight_id ON note_draft (highlight_id)")


def _move_user_data(postgres: bool) -> None:
    """Existing rows are the library user's: their creator, their ratings and notes."""
    bind = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)
    if postgres:
        me = bind.execute(sa.text("SELECT current_user::text")).scalar()
    else:
        has_data = bind.execute(
            sa.text(
                "SELECT EXISTS (SELECT 1 FROM highlight) OR EXISTS (SELECT 1 FROM correction) "
                "OR EXISTS (SELECT 1 FROM note_draft) OR EXISTS (SELECT 1 FROM library_source "
                "WHERE rating IS NOT NULL OR note != '')"
            )
        ).scalar()
        if not has_data:
            return  # a new library (the bundled starter's too) names nobody
        me = login_name()
        # the setting keeps the name: the library's user stays the creator of these rows
        # when their login differs on another machine
        bind.execute(
            sa.text("INSERT OR IGNORE INTO setting (key, value) VALUES ('member', :me)"),
            {"me": me},
        )
        for table in ("highlight", "correction", "note_draft"):
            bind.execute(sa.text(f"UPDATE {table} SET creator = :me"), {"me": me})
    bind.execute(
        sa.text(
            "INSERT INTO source_rating (library_source_id, member, rating, updated_at, version) "
            "SELECT id, :me, rating, :now, 1 FROM library_source WHERE rating IS NOT NULL"
        ),
        {"me": me, "now": now},
    )
    bind.execute(
        sa.text(
            "INSERT INTO source_note (library_source_id, member, note, updated_at, version) "
            "SELECT id, :me, note, :now, 1 FROM library_source WHERE note != ''"
        ),
        {"me": me, "now": now},
    )


def _row_security() -> None:
    op.drop_constraint("highlight_article_id_fkey", "highlight", type_="foreignkey")
    op.create_foreign_key(
        "highlight_article_id_fkey",
        "highlight",
        "article",
        ["article_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    for table, (read, write) in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({read})")
        op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK ({write})")
        # a correction is re-mapped to each new analysis by whoever re-analyses the article
        update = "true" if table == "correction" else write
        op.execute(
            f"CREATE POLICY {table}_update ON {table} FOR UPDATE USING ({update}) "
            f"WITH CHECK ({update})"
        )
        op.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({write})")
    # ... but never changes hands
    op.execute(
        "CREATE FUNCTION reader_keep_creator() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN NEW.creator := OLD.creator; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER correction_keep_creator BEFORE UPDATE ON correction "
        "FOR EACH ROW EXECUTE FUNCTION reader_keep_creator()"
    )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP TRIGGER IF EXISTS correction_keep_creator ON correction")
        op.execute("DROP FUNCTION IF EXISTS reader_keep_creator()")
        for table in POLICIES:
            for kind in ("read", "insert", "update", "delete"):
                op.execute(f"DROP POLICY IF EXISTS {table}_{kind} ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.drop_constraint("highlight_article_id_fkey", "highlight", type_="foreignkey")
        op.create_foreign_key(
            "highlight_article_id_fkey",
            "highlight",
            "article",
            ["article_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.drop_table("member")
    op.drop_table("source_note")
    op.drop_table("source_rating")
    op.execute("DELETE FROM setting WHERE key = 'member'")
    # one draft per article and anchor again: the newest
    op.execute(
        "DELETE FROM note_draft WHERE id NOT IN (SELECT max(id) FROM note_draft "
        "GROUP BY article_id, anchor)"
    )
    if postgres:
        op.drop_constraint("uq_note_draft_creator", "note_draft", type_="unique")
        op.create_unique_constraint(None, "note_draft", ["article_id", "anchor"])
        op.drop_column("note_draft", "creator")
    else:
        op.execute(
            "CREATE TABLE note_draft_old (id INTEGER NOT NULL, article_id INTEGER NOT NULL, "
            'highlight_id INTEGER, anchor VARCHAR NOT NULL, start INTEGER NOT NULL, "end" '
            "INTEGER NOT NULL, exact VARCHAR NOT NULL, prefix VARCHAR NOT NULL, suffix VARCHAR "
            "NOT NULL, color VARCHAR NOT NULL, text VARCHAR NOT NULL, updated_at DATETIME NOT "
            "NULL, PRIMARY KEY (id), "
            "FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, "
            "FOREIGN KEY(highlight_id) REFERENCES highlight (id) ON DELETE CASCADE, "
            "UNIQUE (article_id, anchor))"
        )
        columns = (
            'id, article_id, highlight_id, anchor, start, "end", exact, prefix, suffix, '
            "color, text, updated_at"
        )
        op.execute(f"INSERT INTO note_draft_old ({columns}) SELECT {columns} FROM note_draft")
        op.execute("DROP TABLE note_draft")
        op.execute("ALTER TABLE note_draft_old RENAME TO note_draft")
        op.execute("CREATE INDEX ix_note_draft_highlight_id ON note_draft (highlight_id)")
    # plain DROP COLUMN (SQLite 3.35+): a rebuilt `highlight` would lose its search triggers
    for table, columns in (
        ("highlight", ("shared", "version", "creator")),
        ("correction", ("version", "creator")),
    ):
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
