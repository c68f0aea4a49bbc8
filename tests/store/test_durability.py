"""Nothing acknowledged is lost: a writer killed mid-stream, and eight writers at once."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from backcare.assessments.schemas import PlanVersionCreate
from backcare.assessments.service import add_plan_version, plan_history
from backcare.domain.plan_model import Plan
from backcare.patients.schemas import PatientRead
from backcare.settings import Settings
from backcare.store.db import make_engine, read_only, unit_of_work
from backcare.tracking.models import CheckIn
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import list_checkins, record_checkin
from tests.store.helpers import count_rows

WRITER = str(Path(__file__).with_name("writer.py"))
ACKS_BEFORE_KILL = 300
WRITERS = 8
WRITES_EACH = 100


def _stored_ids(engine: Engine) -> set[int]:
    with read_only(engine) as session:
        return set(session.scalars(select(CheckIn.id)))


@pytest.mark.slow
def test_a_writer_killed_mid_stream_loses_no_acknowledged_check_in(
    engine: Engine, db_url: str, patient: PatientRead
) -> None:
    writer = subprocess.Popen(
        [sys.executable, WRITER, db_url, "ack", patient.id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acknowledged: list[int] = []
    for line in writer.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) == ACKS_BEFORE_KILL:
            writer.send_signal(signal.SIGKILL)
            break
    rest, errors = writer.communicate(timeout=30)
    acknowledged += [int(line) for line in rest.split()]  # printed before the kill landed
    assert writer.returncode == -signal.SIGKILL, errors
    assert len(acknowledged) >= ACKS_BEFORE_KILL, errors
    assert set(acknowledged) <= _stored_ids(engine)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    with unit_of_work(engine) as session:  # and the database takes writes again
        data = CheckInCreate(date=dt.date.today(), pain_now=2)
        record_checkin(session, patient_id=patient.id, data=data, today=dt.date.today())


@pytest.mark.slow
def test_eight_writer_processes_on_a_fresh_sqlite_file_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, WRITER, url, "burst", str(WRITES_EACH), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    for writer in writers:  # every process has imported everything: start them together
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    go.touch()
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_out, errors) in zip(writers, results, strict=True):
        assert "locked" not in errors
        assert writer.returncode == 0, errors
    engine = make_engine(Settings(database_url=url))
    try:
        assert count_rows(engine, "patients") == WRITERS
        assert count_rows(engine, "checkins") == WRITERS * WRITES_EACH
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        engine.dispose()


@pytest.mark.slow
def test_eight_writer_threads_sharing_one_engine_lose_nothing(
    engine: Engine, patient: PatientRead
) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(WRITES_EACH):
                # A day of its own for each write: one check-in a day, so a shared day would
                # replace rather than add (tests/store/test_checkin_once_a_day.py).
                day = dt.date(2024, 1, 1) + dt.timedelta(days=worker * WRITES_EACH + n)
                data = CheckInCreate(date=day, pain_now=worker, notes=str(n))
                with unit_of_work(engine) as session:
                    record_checkin(session, patient_id=patient.id, data=data, today=dt.date.today())
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with read_only(engine) as session:
        rows = list_checkins(session, patient_id=patient.id)
    assert len(rows) == WRITERS * WRITES_EACH
    assert {(r.pain_now, r.notes) for r in rows} == {
        (w, str(n)) for w in range(WRITERS) for n in range(WRITES_EACH)
    }


@pytest.mark.slow
def test_concurrent_plan_changes_get_consecutive_numbers(
    engine: Engine, patient: PatientRead, plan: Plan
) -> None:
    errors: list[BaseException] = []

    def add_version(worker: int) -> None:
        data = PlanVersionCreate(plan=plan, created_by=f"worker {worker}", reason="race")
        try:
            with unit_of_work(engine) as session:
                add_plan_version(session, patient_id=patient.id, data=data)
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=add_version, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with read_only(engine) as session:
        versions = plan_history(session, patient_id=patient.id)
    assert [v.version for v in versions] == list(range(1, WRITERS + 1))
