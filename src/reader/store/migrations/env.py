"""Alembic environment: migrates the library database the store hands it (or the URL in config)."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import reader.store.models  # noqa: F401  (registers every table on SQLModel.metadata)

target_metadata = SQLModel.metadata
config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    assert url is not None, "alembic.ini names no sqlalchemy.url"
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


def _include_name(name: str | None, type_: str, _parent: object) -> bool:
    # The FTS5 tables (and their shadow tables) are made by revision 0002, not by SQLModel
    # metadata: autogenerate must not propose dropping them (nor, on PostgreSQL, its
    # search_article table and GIN indexes).
    return not (type_ in ("table", "index") and name is not None and name.startswith("search_"))


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=_include_name,
        compare_type=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
