"""Alembic environment: run by ``backcare.store.migrate`` (with a connection) or ``alembic``."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import JSON, Connection

from backcare.settings import Settings
from backcare.store.db import make_engine
from backcare.store.metadata import load_metadata
from backcare.store.types import UTCDateTime

target_metadata = load_metadata()


def run_with(connection: Connection) -> None:
    """Run the pending migrations on a connection whose transaction the caller owns."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
        render_item=render_type,
    )
    with context.begin_transaction():
        context.run_migrations()


def render_type(kind: str, obj: Any, autogen: AutogenContext) -> str | Literal[False]:
    """Write Backcare's column types as plain SQLAlchemy ones in new migrations.

    A migration must not change meaning when application code changes later, and Alembic
    renders the JSON/JSONB variant with a name (``Text``) it does not import.
    """
    if kind != "type":
        return False
    if isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if isinstance(obj, JSON) and obj._variant_mapping:
        autogen.imports.add("from sqlalchemy.dialects import postgresql")
        return 'sa.JSON().with_variant(postgresql.JSONB(), "postgresql")'
    return False


def run_online() -> None:
    """Use the caller's connection, or the configured database when run by ``alembic``."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = make_engine(Settings())
    try:
        with engine.begin() as conn:
            run_with(conn)
    finally:
        engine.dispose()


def run_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade head --sql``)."""
    context.configure(
        url=Settings().database_url,
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
