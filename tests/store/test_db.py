"""Engines and transactions: SQLite pragmas, write locks, UTC datetimes, commit at the edge."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import StatementError

from backcare.patients import repository
from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient, get_patient
from backcare.store.db import SQLITE_BUSY_TIMEOUT_MS, read_only, unit_of_work
from tests.store.helpers import count_rows


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
    class BoomError(Exception):
        pass

    def add_then_fail() -> None:
        with unit_of_work(engine) as session:
            create_patient(session, data=PatientCreate(display_name="Flo"))
            raise BoomError

    with pytest.raises(BoomError):
        add_then_fail()
    assert count_rows(engine, "patients") == 0
