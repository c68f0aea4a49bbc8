"""Engines and transactions: SQLite pragmas, write locks, UTC datetimes, commit at the edge."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import StatementError

from backcare.patients import repository
from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient, get_patient
from backcare.store import db
from backcare.store.db import POOL_SIZE, SQLITE_BUSY_TIMEOUT_MS, read_only, unit_of_work
from tests.store.helpers import count_rows


class BoomError(Exception):
    pass


def run_together(count: int, work: Any) -> list[BaseException]:
    """``work(n)`` in ``count`` threads started at once; what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(n: int) -> None:
        start.wait()
        try:
            work(n)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def quick_timeouts(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The SQLite engine with both waits (its write lock, SQLite's busy timeout) at 0.2 s, so a
    lock never given back fails the test at once instead of hanging it."""
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    sqlite_engine.dispose()  # new connections take the new busy timeout
    return sqlite_engine


def test_sqlite_connections_get_the_safety_pragmas(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    with engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    normal = 1
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": normal,
        "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
    }


def test_a_write_transaction_holds_the_write_lock_from_its_first_statement(
    sqlite_engine: Engine,
) -> None:
    engine = sqlite_engine
    path = engine.url.database
    assert path is not None
    with unit_of_work(engine) as session:
        session.execute(text("SELECT 1"))  # a read only, yet BEGIN IMMEDIATE took the lock
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_a_reader_does_not_block_a_writer(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    with read_only(engine) as reader:
        reader.execute(text("SELECT count(*) FROM patients")).scalar_one()
        with unit_of_work(engine) as writer:
            create_patient(writer, data=PatientCreate(display_name="Bo"))
    assert count_rows(engine, "patients") == 1


def test_datetimes_are_stored_and_returned_as_aware_utc(engine: Engine) -> None:
    paris_noon = datetime(2024, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    with unit_of_work(engine) as session:
        row = repository.add(session, Patient(display_name="Cy", created_at=paris_noon))
    with read_only(engine) as session:
        stored = get_patient(session, patient_id=row.id).created_at
    assert stored == datetime(2024, 3, 1, 11, 0, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with pytest.raises(StatementError, match="naive datetime"), unit_of_work(engine) as session:
        repository.add(session, Patient(display_name="Di", created_at=datetime(2024, 3, 1)))
    assert count_rows(engine, "patients") == 0


def test_a_unit_of_work_commits_when_the_block_ends(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        create_patient(session, data=PatientCreate(display_name="Ed"))
        assert count_rows(engine, "patients") == 0  # not visible to others before the commit
    assert count_rows(engine, "patients") == 1


def test_a_unit_of_work_rolls_back_when_the_block_raises(engine: Engine) -> None:
    def add_then_fail() -> None:
        with unit_of_work(engine) as session:
            create_patient(session, data=PatientCreate(display_name="Flo"))
            raise BoomError

    with pytest.raises(BoomError):
        add_then_fail()
    assert count_rows(engine, "patients") == 0


def test_writers_in_one_process_queue_on_the_engine_lock_not_in_sqlite(
    sqlite_engine: Engine,
) -> None:
    engine = sqlite_engine
    engine.dispose()
    # With no busy timeout SQLite refuses a second writer at once ("database is locked"):
    # only the engine's own lock can let writers that start together all through.
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout = 0"))

    def write(n: int) -> None:
        with unit_of_work(engine) as session:
            create_patient(session, data=PatientCreate(display_name=f"Writer {n}"))
            time.sleep(0.01)  # hold the write lock a while, so the writers overlap

    assert run_together(POOL_SIZE, write) == []
    assert count_rows(engine, "patients") == POOL_SIZE


def test_the_write_lock_is_given_back_however_a_transaction_ends(quick_timeouts: Engine) -> None:
    engine = quick_timeouts

    def add_then_fail() -> None:
        with unit_of_work(engine) as session:
            create_patient(session, data=PatientCreate(display_name="Rolled back"))
            raise BoomError

    with pytest.raises(BoomError):
        add_then_fail()
    with unit_of_work(engine) as session:
        create_patient(session, data=PatientCreate(display_name="Committed"))
    # Another process holds SQLite's lock: BEGIN IMMEDIATE fails after the busy timeout.
    path = engine.url.database
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"), unit_of_work(engine) as s:
            s.execute(text("SELECT 1"))
    finally:
        other.close()
    with unit_of_work(engine) as session:  # the failed BEGIN gave the lock back too
        create_patient(session, data=PatientCreate(display_name="After the other process"))
    assert count_rows(engine, "patients") == 2


def test_readers_never_wait_for_the_write_lock(quick_timeouts: Engine) -> None:
    engine = quick_timeouts
    with unit_of_work(engine) as writer:
        create_patient(writer, data=PatientCreate(display_name="Uncommitted"))
        with read_only(engine) as reader:  # same thread: it would wait for itself
            assert reader.execute(text("SELECT count(*) FROM patients")).scalar_one() == 0


def test_a_kept_write_lock_fails_a_writer_after_the_busy_timeout(quick_timeouts: Engine) -> None:
    engine = quick_timeouts

    def write(_n: int) -> None:
        with unit_of_work(engine) as session:
            session.execute(text("SELECT 1"))

    with unit_of_work(engine) as writer:
        writer.execute(text("SELECT 1"))
        failed = run_together(1, write)
    assert [str(error) for error in failed] == ["database is locked (by a writer in this process)"]


def test_concurrent_transactions_reuse_the_pooled_connections(engine: Engine) -> None:
    engine.dispose()
    opened: list[object] = []
    event.listen(engine, "connect", lambda conn, _record: opened.append(conn))
    for _ in range(3):
        # All hold a connection at once, three times over: nothing is opened after the first.
        held = threading.Barrier(POOL_SIZE)

        def read(_n: int, held: threading.Barrier = held) -> None:
            with read_only(engine) as session:
                session.execute(text("SELECT 1"))
                held.wait()

        assert run_together(POOL_SIZE, read) == []
    assert len(opened) == POOL_SIZE
