"""Engines and transactions: the only place that knows SQLite from PostgreSQL."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from backcare.settings import Settings
from backcare.store.writer_lock import ProcessWriteLock

# A writer waits this long for another writer's commit before giving up; writes take
# milliseconds, so reaching it means something is stuck rather than busy.
SQLITE_BUSY_TIMEOUT_MS = 30_000
POOL_SIZE = 8
"""Connections an engine keeps open. The API runs at most this many units of work at once
(backcare.web.transactions), so under load no request pays for opening a connection: the
default pool of 5 opened and closed one for most requests with 16 clients, and a new
PostgreSQL connection (a new server process) costs more than a whole check-in."""
_READ_ONLY = "backcare_read_only"
_READ_ONLY_ENGINE = "_backcare_read_only_engine"
_log = logging.getLogger(__name__)
_WAL_RETRY_SECONDS = 0.01


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database, with SQLite made safe for concurrent writers."""
    url = make_url(settings.database_url)
    # Pages run outside the API's limit: past POOL_SIZE the pool still opens overflow
    # connections (closed when returned) rather than make their threads wait for one.
    pool: dict[str, Any] = {"pool_size": POOL_SIZE}
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            pool = {}  # one connection per thread (SingletonThreadPool); nothing to size
        connect_args = {
            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            "factory": _connection_class(url.database),
        }
        engine = create_engine(url, connect_args=connect_args, **pool)
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


class SerialWriterConnection(sqlite3.Connection):
    """A SQLite connection whose write transactions queue on a lock shared by its engine.

    SQLite lets one writer in at a time, and the others wait in its busy handler, which sleeps
    in growing steps of up to 100 ms: under load a waiting writer often sleeps long after the
    lock was freed. Queueing the engine's writers on a lock wakes the next one as soon as a
    transaction ends. Writers in other processes (several server workers, a command run
    beside the server) queue the same way on a file lock (backcare.store.writer_lock), taken
    once this process's turn has come. Both are given back when the transaction ends however
    it ends: commit, rollback (also the pool's reset on return) or close.
    """

    write_lock: threading.Lock
    """One per engine (see ``_connection_class``)."""
    process_lock: ProcessWriteLock | None
    """One per engine of a database file; None for an in-memory database."""
    _holds_write_lock = False

    def begin_write(self) -> None:
        """BEGIN IMMEDIATE once this engine's other writers, then other processes', are done."""
        if not self._take_write_lock():
            raise sqlite3.OperationalError("database is locked (by a writer in this process)")
        self._holds_write_lock = True
        try:
            if self.process_lock is not None:
                self.process_lock.acquire()
            self.execute("BEGIN IMMEDIATE")
        finally:
            self._release_when_done()

    def _take_write_lock(self) -> bool:
        lock = self.process_lock
        if lock is None:
            # As long as SQLite's own busy timeout: waiting longer means something is stuck.
            return self.write_lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        lock.queue()  # seen as queued, the writer before us keeps the process lock for us
        try:
            taken = self.write_lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        finally:
            lock.unqueue()
        if not taken and self.write_lock.acquire(blocking=False):
            # It may have been kept for us just as we gave up: never leave it held idle.
            lock.give_back()
            self.write_lock.release()
        return taken

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._release_when_done()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._release_when_done()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release()

    def _release_when_done(self) -> None:
        # A failed COMMIT leaves the transaction open: the lock goes with its rollback.
        if not self.in_transaction:
            self._release()

    def _release(self) -> None:
        if self._holds_write_lock:
            self._holds_write_lock = False
            if self.process_lock is not None:
                self.process_lock.release()
            self.write_lock.release()


def _connection_class(database: str | None) -> type[SerialWriterConnection]:
    """The connection class of one engine, with that engine's write locks."""
    in_memory = database in (None, "", ":memory:")

    class EngineConnection(SerialWriterConnection):
        write_lock = threading.Lock()
        process_lock = None if in_memory else ProcessWriteLock(Path(str(database)))

    return EngineConnection


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
        # Deleted rows are overwritten with zeros, not left in free pages: an erased
        # person's words must not stay readable in the file (see forget_erased).
        cursor.execute("PRAGMA secure_delete = ON")
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
    # Straight to the driver: this runs for every transaction, and SQLAlchemy's statement
    # machinery (events, result set-up) would add a tenth to the cost of a check-in.
    driver = conn.connection.driver_connection
    if not isinstance(driver, SerialWriterConnection):  # pragma: no cover - invalidated
        raise RuntimeError("the SQLite connection is closed")
    if conn.get_execution_options().get(_READ_ONLY):
        driver.execute("BEGIN DEFERRED")
        return
    # A deferred transaction that reads and then writes cannot wait for the lock in WAL mode:
    # SQLite fails it at once with SQLITE_BUSY. IMMEDIATE queues writers behind each other.
    driver.begin_write()


def forget_erased(engine: Engine) -> bool:
    """After an erase has committed, leave no copy of the erased rows in SQLite's WAL.

    secure_delete zeroes the rows in the pages the erase writes, but earlier versions of
    those pages (the person's own words) stay in the -wal file until a checkpoint, and a
    checkpoint alone leaves old frames in it: TRUNCATE copies the WAL into the database and
    empties the file. It waits (the busy timeout) for readers still on an older snapshot;
    if one outlasts that, the erase stands and the next checkpoint finishes the job, and
    this says so (False, and a warning in the log). Always True on PostgreSQL, whose own
    files are its administrator's to vacuum.
    """
    if engine.dialect.name != "sqlite":
        return True
    connection = engine.raw_connection()
    try:
        driver: sqlite3.Connection = connection.driver_connection  # type: ignore[assignment]
        busy = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        connection.close()
    if busy:
        _log.warning("an erase was committed but a reader kept the WAL from being emptied")
    return not busy


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def read_only(engine: Engine) -> Iterator[Session]:
    """One read transaction that never takes the SQLite write lock; closing rolls it back."""
    with Session(_read_only_engine(engine)) as session:
        yield session


def _read_only_engine(engine: Engine) -> Engine:
    """``engine`` with the read-only options, made once per engine and kept on it.

    Every audited read opens one of these, and deriving the options engine again each time
    cost about 40 µs a request. Two threads racing here may each make one: both are the same.
    """
    made: Engine | None = engine.__dict__.get(_READ_ONLY_ENGINE)
    if made is None:
        options: dict[str, Any] = {_READ_ONLY: True}
        if engine.dialect.name == "postgresql":
            options["postgresql_readonly"] = True
        made = engine.execution_options(**options)
        engine.__dict__[_READ_ONLY_ENGINE] = made
    return made
