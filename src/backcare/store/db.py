"""Engines and transactions: the only place that knows SQLite from PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from backcare.settings import Settings

# A writer waits this long for another writer's commit before giving up; writes take
# milliseconds, so reaching it means something is stuck rather than busy.
SQLITE_BUSY_TIMEOUT_MS = 30_000
_READ_ONLY = "backcare_read_only"
_WAL_RETRY_SECONDS = 0.01


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database, with SQLite made safe for concurrent writers."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    """Set the pragmas that are per connection, and take BEGIN away from the sqlite3 module."""
    # With isolation_level=None sqlite3 stops issuing its own deferred BEGIN before DML;
    # _begin_sqlite_transaction issues the right kind instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        # In WAL mode NORMAL still survives an application crash; only power loss can undo
        # the last commits, a trade the SQLite documentation recommends for WAL.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _enable_wal(cursor: Any) -> None:
    """Put the file in WAL mode, so readers and one writer work at once.

    WAL is a property of the file, so this is a no-op after the first time. The first switch
    needs an exclusive lock, and SQLite reports "database is locked" at once (without using
    the busy timeout) when several processes open a brand-new file together; so retry.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(_WAL_RETRY_SECONDS)


def _begin_sqlite_transaction(conn: Connection) -> None:
    """Take the write lock at BEGIN so the busy timeout applies instead of a 'locked' error."""
    # A deferred transaction that reads and then writes cannot wait for the lock in WAL mode:
    # SQLite fails it at once with SQLITE_BUSY. IMMEDIATE queues writers behind each other.
    mode = "DEFERRED" if conn.get_execution_options().get(_READ_ONLY) else "IMMEDIATE"
    # Straight to the driver: this runs for every transaction, and SQLAlchemy's statement
    # machinery (events, result set-up) would add a tenth to the cost of a check-in.
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - only after the connection was invalidated
        raise RuntimeError("the SQLite connection is closed")
    driver.execute(f"BEGIN {mode}")


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def read_only(engine: Engine) -> Iterator[Session]:
    """One read transaction that never takes the SQLite write lock; closing rolls it back."""
    options: dict[str, Any] = {_READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    with Session(engine.execution_options(**options)) as session:
        yield session
