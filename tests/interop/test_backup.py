"""Backup while check-ins are being written, and restore with its checks."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from backcare.errors import InvalidInputError
from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.records.backup import backup, check_backup, restore
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import head_revision, open_store
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin

WRITES = 400


def _writer(
    engine: Engine, patient_id: str, acknowledged: list[int], started: threading.Event
) -> None:
    """Write check-ins one transaction each; an id is acknowledged once its commit returned."""
    for n in range(WRITES):
        # A day of its own for each write (one check-in a day; the record began WRITES days
        # ago), so every acknowledged write is a row of its own.
        today = dt.date.today()
        day = today - dt.timedelta(days=n)
        with unit_of_work(engine) as session:
            row = record_checkin(
                session,
                patient_id=patient_id,
                data=CheckInCreate(date=day, pain_now=n % 11),
                today=today,
            )
        acknowledged.append(row.id)
        if n == 50:
            started.set()


def test_a_backup_taken_during_writes_restores_intact_with_every_acknowledged_check_in(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    engine = open_store(Settings(database_url=url))
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="Ann Example"))
        began = dt.datetime.combine(dt.date.today() - dt.timedelta(days=WRITES), dt.time())
        session.execute(
            update(Patient)
            .where(Patient.id == patient.id)
            .values(created_at=began.replace(tzinfo=dt.UTC))
        )
    acknowledged: list[int] = []
    started = threading.Event()
    writer = threading.Thread(target=_writer, args=(engine, patient.id, acknowledged, started))
    writer.start()
    assert started.wait(60)
    before = list(acknowledged)
    backup(url, tmp_path / "copy.db")
    writer.join()
    engine.dispose()
    assert len(acknowledged) == WRITES
    restored_url = f"sqlite:///{tmp_path / 'restored.db'}"
    restore(restored_url, tmp_path / "copy.db")
    with sqlite3.connect(tmp_path / "restored.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = {row[0] for row in conn.execute("SELECT id FROM checkins")}
    assert set(before) <= ids
    assert len(before) <= len(ids) <= WRITES


def test_a_backup_is_one_self_contained_file(tmp_path: Path, sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    backup(url, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db-wal").exists()
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert check_backup(tmp_path / "copy.db") == head_revision()


def test_a_backup_never_overwrites_without_being_told(
    tmp_path: Path, sqlite_engine: Engine
) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    (tmp_path / "copy.db").write_text("keep me")
    with pytest.raises(InvalidInputError, match="exists; add --yes"):
        backup(url, tmp_path / "copy.db")
    assert (tmp_path / "copy.db").read_text() == "keep me"


def test_restore_refuses_a_damaged_file_and_a_newer_schema(
    tmp_path: Path, sqlite_engine: Engine
) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    with pytest.raises(InvalidInputError, match="is not a SQLite database"):
        check_backup(tmp_path / "junk.db")
    backup(url, tmp_path / "copy.db")
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(InvalidInputError, match="revision '9999', which this version"):
        check_backup(tmp_path / "copy.db")


def test_postgresql_is_pointed_at_pg_dump(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="pg_dump --format=custom") as caught:
        backup("postgresql+psycopg://ann:secret@127.0.0.1/test", tmp_path / "x")
    assert "secret" not in str(caught.value)
