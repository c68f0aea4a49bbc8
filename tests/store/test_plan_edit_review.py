"""The weekly review keeps what clinicians edited (SAFETY.md H-154): custom exercises, doses and
days a clinician set stay as they left them, items they removed stay out; a safety plan still
replaces everything; a flare-up's relief plan returns to the edited plan; a new assessment
starts afresh."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine

from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Role
from backcare.assessments.service import assess_patient
from backcare.domain.plan_model import DAYS, Plan
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from backcare.plan_edits.schemas import PlanEditCreate
from backcare.plan_edits.service import edit_plan, live_kept
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.vocabulary import WarningSymptom
from tests.store.adapt_support import (
    INTAKE,
    START,
    assessed_patient,
    at,
    checkin,
    day,
    import_days,
    review,
    versions,
)
from tests.web.auth_support import make_account

CUSTOM = {
    "kind": "strengthen",
    "title": "Wall sit, short holds",
    "steps": ["Back to a wall.", "Slide down a little.", "Hold, then stand."],
    "dose": "5 holds of 10 s",
    "minutes": 4,
}
EDIT: dict[str, Any] = {
    "based_on_version": 1,
    "reason": "Knees are fine for wall sits; bird dog twice a week; no knee-to-chest",
    "operations": [
        {"op": "add_custom", "exercise": CUSTOM, "days": ["tue", "fri"]},
        {
            "op": "change",
            "item_id": "strengthen-bird-dog",
            "dose": "6 each side",
            "days": ["tue", "fri"],
        },
        {"op": "remove", "item_id": "stretch-knee-to-chest"},
    ],
}


def clinician(engine: Engine) -> Actor:
    make_account(engine, "physio", Role.CLINICIAN)
    with read_only(engine) as session:
        account = account_by_name(session, "physio")
        assert account is not None
        return Actor(kind=Kind.CLINICIAN, name="physio", account_id=account.id)


def edited_patient(engine: Engine, knowledge: Knowledge) -> str:
    patient_id = assessed_patient(engine, knowledge)
    actor = clinician(engine)
    with unit_of_work(engine) as session:
        edit_plan(
            session,
            patient_id=patient_id,
            data=PlanEditCreate.model_validate(EDIT),
            actor=actor,
            knowledge=knowledge,
            today=day(0),
            source="test",
            now=at(day(0)),
        )
    return patient_id


def current(engine: Engine, patient_id: str) -> Plan:
    return versions(engine, patient_id)[-1].as_plan()


def items_of(plan: Plan) -> dict[str, Any]:
    return {item.id: item for item in plan.items}


def assert_consistent(plan: Plan) -> None:
    """Each day's list and total match the items timetabled on it."""
    for weekday in DAYS:
        on_day = [item for item in plan.items if weekday in item.days]
        assert sorted(plan.week[weekday]) == sorted(item.id for item in on_day)
        assert plan.total_minutes_per_day[weekday] == pytest.approx(
            sum(item.minutes for item in on_day)
        )


def test_the_weekly_review_adapts_around_the_clinicians_edits(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = edited_patient(engine, knowledge)
    edited = current(engine, patient_id)
    assert_consistent(edited)
    import_days(engine, patient_id, 0, [5] * 7 + [2] * 7)
    report = review(engine, knowledge, patient_id, 13)
    assert report.changed
    assert [rule.id for rule in report.reviews[0].rules_fired] == ["AR-004"]
    latest = versions(engine, patient_id)[-1]
    assert latest.created_by == "weekly-review"
    reviewed = latest.as_plan()
    kept = items_of(reviewed)
    assert kept["custom-1"] == items_of(edited)["custom-1"]
    assert kept["strengthen-bird-dog"] == items_of(edited)["strengthen-bird-dog"]
    assert "stretch-knee-to-chest" not in kept
    # The review did step other items up: it was not simply skipped.
    assert {i.id for i in reviewed.items} != {i.id for i in edited.items}
    assert_consistent(reviewed)


def test_without_clinician_edits_the_review_is_exactly_as_before(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    with read_only(engine) as session:
        assert not live_kept(session, patient_id=patient_id)
    import_days(engine, patient_id, 0, [5] * 7 + [2] * 7)
    assert review(engine, knowledge, patient_id, 13).changed


def test_a_warning_sign_still_replaces_the_edited_plan_by_the_safety_plan(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = edited_patient(engine, knowledge)
    report = checkin(engine, knowledge, patient_id, 3, warnings=[WarningSymptom.saddle_numbness])
    assert report is not None
    assert report.level == Level.emergency
    safety = current(engine, patient_id)
    assert safety.triage.level == Level.emergency
    assert "custom-1" not in items_of(safety)
    assert all(not item.days for item in safety.items)
    # The weekly review never lifts a safety plan, and never puts the edits back into it.
    import_days(engine, patient_id, 4, [4] * 10)
    review(engine, knowledge, patient_id, 13)
    assert "custom-1" not in items_of(current(engine, patient_id))


def test_a_flare_up_relief_plan_returns_to_the_edited_plan(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = edited_patient(engine, knowledge)
    edited_version = versions(engine, patient_id)[-1].version
    checkin(engine, knowledge, patient_id, 2, pain=8, flare_up=True)
    relief = versions(engine, patient_id)[-1]
    assert relief.resumes_version == edited_version
    for n in range(3, 9):
        checkin(engine, knowledge, patient_id, n, pain=3)
    back = current(engine, patient_id)
    assert back.items == current_items_of_version(engine, patient_id, edited_version)
    assert "custom-1" in items_of(back)


def current_items_of_version(engine: Engine, patient_id: str, version: int) -> Any:
    return next(v for v in versions(engine, patient_id) if v.version == version).as_plan().items


def test_a_new_assessment_starts_a_fresh_plan_and_the_edits_lapse(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = edited_patient(engine, knowledge)
    with unit_of_work(engine) as session:
        assert live_kept(session, patient_id=patient_id)
        assess_patient(
            session,
            patient_id=patient_id,
            intake=INTAKE,
            knowledge=knowledge,
            at=at(START + dt.timedelta(days=1)),
        )
    with read_only(engine) as session:
        assert not live_kept(session, patient_id=patient_id)
    assert "custom-1" not in items_of(current(engine, patient_id))
