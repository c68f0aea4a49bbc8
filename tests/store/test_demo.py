"""Demo data: realistic patients with twelve weeks of history, the same for the same seed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine

from backcare.assessments.service import plan_history
from backcare.demo.service import DEMO_DAYS, create_demo, demo_name
from backcare.domain.adapt import rules
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients.export import export_patient
from backcare.patients.service import delete_patient, list_patients
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.service import list_alerts, list_sessions

TODAY = dt.date(2025, 3, 14)
FIRST = TODAY - dt.timedelta(days=DEMO_DAYS - 1)
VOLATILE = {"id", "patient_id", "assessment_id", "created_at", "exported_at", "resolved_at"}


def _demo(engine: Engine, knowledge: Knowledge, *, patients: int, seed: int = 1) -> list[str]:
    with unit_of_work(engine) as session:
        created = create_demo(
            session, patients=patients, seed=seed, today=TODAY, knowledge=knowledge
        )
    return [patient.id for patient in created]


def _export(engine: Engine, patient_id: str) -> dict[str, Any]:
    with read_only(engine) as session:
        return export_patient(session, patient_id=patient_id)


@pytest.mark.slow
def test_the_demo_creates_patients_with_twelve_weeks_of_daily_history(
    engine: Engine, knowledge: Knowledge
) -> None:
    ids = _demo(engine, knowledge, patients=4)
    for index, patient_id in enumerate(ids):
        document = _export(engine, patient_id)
        days = [checkin["date"] for checkin in document["checkins"]]
        assert document["patient"]["display_name"] == demo_name(index)
        assert len(days) == DEMO_DAYS == len(set(days))
        assert (days[0], days[-1]) == (FIRST.isoformat(), TODAY.isoformat())
        kinds = [measure["kind"] for measure in document["measures"]]
        assert kinds.count("PEG") == DEMO_DAYS // 7
        assert kinds.count("PSFS") >= 3
        assert document["session_logs"]
        assert document["assessments"][0]["created_at"].startswith(FIRST.isoformat())
    _each_lives_their_story(engine, ids, knowledge)


def _said(rule: rules.AdaptRule, knowledge: Knowledge) -> str:
    return rule.words(knowledge.thresholds.values())


def _each_lives_their_story(engine: Engine, ids: list[str], knowledge: Knowledge) -> None:
    """Sam improves and progresses, Maria flares and recovers, Tom is
    referred, Leah is sent to the emergency department the day saddle numbness appears."""
    sam, maria, tom, leah = ids
    with read_only(engine) as session:
        plans = {p: plan_history(session, patient_id=p) for p in ids}
        alerts = {p: list_alerts(session, patient_id=p) for p in ids}
        leah_sessions = list_sessions(session, patient_id=leah)
    assert any(_said(rules.PROGRESS, knowledge) in v.reason for v in plans[sam][1:])
    assert alerts[sam] == []
    relief = [v for v in plans[maria] if v.flare_until is not None]
    assert relief
    assert relief[0].resumes_version == relief[0].version - 1
    authors = [v.created_by for v in plans[maria]]
    assert authors.index("flare-end") == authors.index("checkin-review") + 1
    assert alerts[tom][0].kind == "no_improvement"
    referred = plans[tom][-1]
    assert _said(rules.NO_IMPROVEMENT, knowledge) in referred.reason
    referral = alerts[tom][0].detail["referral"]
    assert referral in {item["id"] for item in referred.plan["items"]}
    assert referral not in {item["id"] for item in plans[tom][0].plan["items"]}
    (red_flag,) = [alert for alert in alerts[leah] if alert.kind == "red_flag"]
    warning_day = FIRST + dt.timedelta(days=32)
    assert red_flag.kind == "red_flag"
    assert red_flag.detail["day"] == warning_day.isoformat()
    assert plans[leah][-1].plan["triage"]["level"] == "emergency"
    assert max(log.date for log in leah_sessions) < warning_day


@pytest.mark.slow
def test_the_same_seed_gives_the_same_demo_and_another_seed_another(
    engine: Engine, knowledge: Knowledge
) -> None:
    first = [_stable(_export(engine, p)) for p in _demo(engine, knowledge, patients=2, seed=7)]
    _delete_demo(engine)
    again = [_stable(_export(engine, p)) for p in _demo(engine, knowledge, patients=2, seed=7)]
    _delete_demo(engine)
    other = [_stable(_export(engine, p)) for p in _demo(engine, knowledge, patients=1, seed=8)]
    assert first == again
    assert other[0]["checkins"] != first[0]["checkins"]


def test_the_demo_refuses_to_run_twice_on_one_database(
    engine: Engine, knowledge: Knowledge
) -> None:
    _demo(engine, knowledge, patients=1)
    with pytest.raises(InvalidInputError, match="already has 1 demo patients"):
        _demo(engine, knowledge, patients=1)


@pytest.mark.parametrize("patients", [0, 41])
def test_the_demo_refuses_a_silly_number_of_patients(
    engine: Engine, knowledge: Knowledge, patients: int
) -> None:
    with pytest.raises(InvalidInputError, match="patients: give a number from 1 to 40"):
        _demo(engine, knowledge, patients=patients)


def _delete_demo(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        for patient in list_patients(session):
            delete_patient(session, patient_id=patient.id)


def _stable(value: Any) -> Any:
    """The document without row ids and clock times, which differ from run to run."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(item) for item in value]
    return value
