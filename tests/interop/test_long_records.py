"""Long records travel: two years of daily data export well under the API's limit and come
back the same through ``backcare import FILE``; files past the command's cap are refused."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from backcare.assessments.schemas import PlanVersionCreate
from backcare.assessments.service import add_plan_version, assess_patient
from backcare.cli.main import app
from backcare.domain.intake import Intake
from backcare.errors import InvalidInputError
from backcare.interop.fhir import limits
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.store.db import unit_of_work
from backcare.tracking import service as tracking
from backcare.tracking.schemas import CheckInCreate, MeasureCreate, SessionLogCreate
from tests.interop.bundles import export, ids_aside
from tests.interop.conftest import database_url, migrated

START = dt.date(2022, 1, 3)
DAYS = 730
PLAN_EVERY = 14
PLAN_VERSIONS = 1 + (DAYS - 1) // PLAN_EVERY


def _two_years(engine: Engine, knowledge: Knowledge) -> str:
    """A person checking in every day for two years, exercising on five days a week, with a
    weekly PEG and a new plan version every two weeks; their id."""
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="Ann Example"))
        at = dt.datetime.combine(START, dt.time(9), tzinfo=dt.UTC)
        intake = Intake(age=45, duration_weeks=20, pain_now=5)
        result = assess_patient(
            session, patient_id=patient.id, intake=intake, knowledge=knowledge, at=at
        )
        days = [START + dt.timedelta(days=n) for n in range(DAYS)]
        checkins = [CheckInCreate(date=day, pain_now=(n % 7) + 1) for n, day in enumerate(days)]
        tracking.import_checkins(session, patient_id=patient.id, data=checkins, today=days[-1])
        items = [i["id"] for i in result.plan_version.plan["items"] if i["kind"] != "referral"]
        logs = [
            SessionLogCreate(date=day, item_id=item, duration_seconds=300 + n % 90, felt=n % 11)
            for n, day in enumerate(days)
            if day.weekday() < 5
            for item in items[:5]
        ]
        tracking.record_sessions(session, patient_id=patient.id, data=logs)
        for n, day in enumerate(days[6::7]):
            value = {"kind": "PEG", "pain": n % 10, "enjoyment": 4, "activity": 5}
            tracking.record_measure(
                session,
                patient_id=patient.id,
                data=MeasureCreate(date=day, value=value),
                today=days[-1],
            )
        plan = result.plan_version.as_plan()
        for day in days[PLAN_EVERY::PLAN_EVERY]:
            data = PlanVersionCreate(plan=plan, created_by="weekly-review", reason=f"Review {day}")
            when = dt.datetime.combine(day, dt.time(21), tzinfo=dt.UTC)
            add_plan_version(session, patient_id=patient.id, data=data, at=when)
        return patient.id


def test_two_years_of_daily_data_re_import_from_a_file_the_same(
    fresh_engine: Engine,
    fresh_url: str,
    backend: str,
    knowledge: Knowledge,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient_id = _two_years(fresh_engine, knowledge)
    before = export(fresh_engine, patient_id)
    file = tmp_path / "two-years.fhir.json"
    monkeypatch.setenv("BACKCARE_DATABASE_URL", fresh_url)
    exported = CliRunner().invoke(
        app, ["export", patient_id, "--format", "fhir", "--out", str(file)]
    )
    assert exported.exit_code == 0, exported.output
    assert file.stat().st_size < 0.8 * limits.API_MAX_BYTES, "two years fit the API, with room"
    with database_url(backend, tmp_path / "target.db") as target, migrated(target) as engine:
        monkeypatch.setenv("BACKCARE_DATABASE_URL", target)
        imported = CliRunner().invoke(app, ["import", str(file), "--json"])
        assert imported.exit_code == 0, imported.output
        result = json.loads(imported.stdout)
        assert (result["checkins"], result["plan_versions"]) == (DAYS, PLAN_VERSIONS)
        assert ids_aside(export(engine, result["patient_id"])) == ids_aside(before)


def test_a_file_is_read_in_chunks_and_refused_as_soon_as_it_passes_the_cap() -> None:
    stream = io.BytesIO(b"x" * (5 * limits.CHUNK))
    with pytest.raises(InvalidInputError, match="at most 1 MB"):
        limits.read_capped(stream, limits.CHUNK + 1)
    assert stream.tell() == 2 * limits.CHUNK, "reading stops at the first chunk past the cap"
    exact = io.BytesIO(b"y" * (limits.CHUNK + 1))
    assert limits.read_capped(exact, limits.CHUNK + 1) == b"y" * (limits.CHUNK + 1)


def test_the_import_command_refuses_a_file_over_its_cap_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "FILE_MAX_BYTES", limits.MB)
    monkeypatch.setenv("BACKCARE_DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (limits.MB + 1))
    refused = CliRunner().invoke(app, ["import", str(big)])
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"Error: {big}: Bundle: the input has over 1,048,576 bytes")
    assert "at most 1 MB" in refused.stderr
