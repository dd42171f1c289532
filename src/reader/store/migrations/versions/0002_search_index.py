"""full-text search index (FTS5) over articles, statements, source names and notes

Each index is an external-content FTS5 table whose rowid is the id of the row it indexes, so
nothing is stored twice. Triggers keep the indexes in step with every write, whichever code
path makes it (ORM, bulk SQL, foreign-key cascades), and the upgrade indexes existing rows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:00:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"

# index table → (content table, indexed columns, extra FTS5 options)
INDEXES = {
    "search_article": ("article", ("title", "text"), ", prefix = '2 3'"),
    "search_statement": ("statement", ("text",), ""),
    "search_source": ("article_source", ("name",), ""),
    "search_note": ("highlight", ("note",), ""),
}


def _triggers(index: str, table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE TRIGGER {index}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {index}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # FTS5 is SQLite's; PostgreSQL's full-text index is another branch (to come)
    for index, (table, columns, options) in INDEXES.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {index} USING fts5({', '.join(columns)}, "
            f"content = '{table}', content_rowid = 'id', {TOKENIZE}{options})"
        )
        for sql in _triggers(index, table, columns):
            op.execute(sql)
        op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for index in INDEXES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {index}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {index}")
