"""Apply the Alembic migrations in ``backcare/migrations`` from code (start-up and CLI)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, text

from backcare.errors import DatabaseVersionError
from backcare.settings import Settings
from backcare.store.db import make_engine

MIGRATIONS = "backcare:migrations"
# Any fixed number: concurrent start-ups on PostgreSQL queue on this advisory lock.
_PG_MIGRATION_LOCK = 0x0BAC_CA4E


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations, without an ini file."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def head_revision() -> str | None:
    """The newest migration shipped with this version of Backcare."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None when it is empty."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` in one transaction; safe to run concurrently."""
    config = alembic_config()
    # On SQLite the transaction begins IMMEDIATE (store.db), so concurrent start-ups queue
    # and the later ones find the work done; PostgreSQL needs an explicit lock for that.
    with engine.begin() as conn:
        _lock_for_migration(conn)
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, revision)
        except CommandError as exc:
            found = MigrationContext.configure(conn).get_current_revision()
            raise DatabaseVersionError(
                f"The database is at schema revision {found!r}, which this version of Backcare "
                "does not know; it was probably made by a newer Backcare."
            ) from exc


def downgrade(engine: Engine, revision: str) -> None:
    """Step the database back to ``revision`` (development and tests only)."""
    config = alembic_config()
    with engine.begin() as conn:
        _lock_for_migration(conn)
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def open_store(settings: Settings) -> Engine:
    """The engine for ``settings`` with the schema brought up to date: what commands start with."""
    engine = make_engine(settings)
    upgrade(engine)
    return engine


def _lock_for_migration(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
