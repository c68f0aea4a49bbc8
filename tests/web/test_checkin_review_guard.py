"""The web skips the check-in review for a plain check-in on a usual plan; this keeps it safe.

If the check-in review ever learns to act on a plain check-in, these tests fail, and the
shortcut of ``backcare.adaptation.service.check_in(review="when_needed")`` (the condition in
``backcare.adaptation.repository.insert_unless_relief``) must learn it too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcare.adaptation import service
from backcare.adaptation.service import after_checkin, check_in
from backcare.assessments.service import assess_patient
from backcare.domain.intake import Intake
from backcare.errors import InvalidInputError, NotFoundError
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.store.db import unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import list_checkins, record_checkin
from backcare.tracking.vocabulary import WarningSymptom

PLAIN = CheckInCreate(date=dt.date(2024, 5, 15), pain_now=7, sessions_done=0)
"""A plain check-in: no warning sign, no flare-up, pain under the high-pain level (8)."""
ASSESSED = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
TODAY = dt.date(2024, 6, 1)


def assessed(session: Session, knowledge: Knowledge, intake: Intake) -> str:
    patient = create_patient(session, data=PatientCreate(display_name="Guard"))
    assess_patient(session, patient_id=patient.id, intake=intake, knowledge=knowledge, at=ASSESSED)
    return patient.id


def test_a_plain_checkin_on_a_usual_plan_is_not_reviewed_and_would_fire_no_rule(
    engine: Engine, knowledge: Knowledge, chronic_intake: Intake
) -> None:
    with unit_of_work(engine) as session:
        patient_id = assessed(session, knowledge, chronic_intake)
        checkin, skipped = check_in(
            session,
            patient_id=patient_id,
            data=PLAIN,
            knowledge=knowledge,
            today=TODAY,
            review="when_needed",
        )
        report = after_checkin(session, patient_id=patient_id, checkin=checkin, knowledge=knowledge)
    assert skipped is None
    assert report is not None
    assert not report.changed
    assert all(not r.rules_fired and not r.alerts for r in report.reviews)


@pytest.mark.parametrize(
    "extra", [{"warnings": ["fever"]}, {"flare_up": True}, {"pain_now": 8}, {"pain_now": 10}]
)
def test_warnings_flare_ups_and_severe_pain_are_reviewed(
    engine: Engine, knowledge: Knowledge, chronic_intake: Intake, extra: dict[str, Any]
) -> None:
    data = CheckInCreate.model_validate({**PLAIN.model_dump(), **extra})
    with unit_of_work(engine) as session:
        patient_id = assessed(session, knowledge, chronic_intake)
        _, report = check_in(
            session,
            patient_id=patient_id,
            data=data,
            knowledge=knowledge,
            today=TODAY,
            review="when_needed",
        )
    assert report is not None


def test_a_plain_checkin_on_a_relief_plan_is_reviewed(
    engine: Engine, knowledge: Knowledge, chronic_intake: Intake
) -> None:
    flare = PLAIN.model_copy(update={"flare_up": True})
    after = PLAIN.model_copy(update={"date": dt.date(2024, 5, 16)})
    with unit_of_work(engine) as session:
        patient_id = assessed(session, knowledge, chronic_intake)
        check_in(session, patient_id=patient_id, data=flare, knowledge=knowledge, today=TODAY)
        _, report = check_in(
            session,
            patient_id=patient_id,
            data=after,
            knowledge=knowledge,
            today=TODAY,
            review="when_needed",
        )
    assert report is not None  # the review looks at whether the flare is over


def test_a_plain_checkin_is_stored_without_loading_the_plan(
    engine: Engine,
    knowledge: Knowledge,
    chronic_intake: Intake,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_state(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the plan was loaded")

    data = PLAIN.model_copy(update={"sessions_done": 2, "minutes": 25, "notes": "Stiff"})
    day_before = data.model_copy(update={"date": data.date - dt.timedelta(days=1)})
    with unit_of_work(engine) as session:
        patient_id = assessed(session, knowledge, chronic_intake)
        expected = record_checkin(session, patient_id=patient_id, data=day_before, today=TODAY)
        monkeypatch.setattr(service, "load_state", no_state)
        checkin, report = check_in(
            session,
            patient_id=patient_id,
            data=data,
            knowledge=knowledge,
            today=TODAY,
            review="when_needed",
        )
    assert report is None
    # The same row as the usual insert stores, but for its own id, day and time stamp.
    different = {"id", "created_at", "date"}
    assert checkin.model_dump(exclude=different) == expected.model_dump(exclude=different)


def test_a_plain_second_checkin_of_the_day_replaces_it_without_loading_the_plan(
    engine: Engine,
    knowledge: Knowledge,
    chronic_intake: Intake,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_state(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the plan was loaded")

    earlier = PLAIN.model_copy(
        update={"pain_now": 3, "warnings": [WarningSymptom.fever], "flare_up": True}
    )
    later = PLAIN.model_copy(update={"pain_now": 4, "sessions_done": 1, "notes": "Better"})
    with unit_of_work(engine) as session:
        patient_id = assessed(session, knowledge, chronic_intake)
        first = record_checkin(session, patient_id=patient_id, data=earlier, today=TODAY)
        monkeypatch.setattr(service, "load_state", no_state)
        checkin, report = check_in(
            session,
            patient_id=patient_id,
            data=later,
            knowledge=knowledge,
            today=TODAY,
            review="when_needed",
        )
    assert report is None
    assert checkin.replaced
    assert checkin.id == first.id
    assert (checkin.pain_now, checkin.sessions_done, checkin.notes) == (4, 1, "Better")
    # The warning sign and the flare-up said earlier that day stay (SAFETY.md H-120).
    assert ([w.value for w in checkin.warnings], checkin.flare_up) == (["fever"], True)


def test_a_checkin_for_no_patient_is_not_found(engine: Engine, knowledge: Knowledge) -> None:
    nobody = "f" * 32
    with pytest.raises(NotFoundError), unit_of_work(engine) as session:
        check_in(
            session,
            patient_id=nobody,
            data=PLAIN,
            knowledge=knowledge,
            today=TODAY,
            review="when_needed",
        )


@pytest.mark.parametrize(
    ("day", "message"),
    [(dt.date(2024, 4, 30), "before this person's record began"), (TODAY, None)],
)
def test_the_shortcut_refuses_a_day_before_the_record_like_the_usual_path(
    engine: Engine,
    knowledge: Knowledge,
    chronic_intake: Intake,
    day: dt.date,
    message: str | None,
) -> None:
    # The one-statement insert stores nothing before the record began; the usual path then
    # says why. The record began with the assessment, on 1 May 2024.
    data = PLAIN.model_copy(update={"date": day})
    with unit_of_work(engine) as session:
        patient_id = assessed(session, knowledge, chronic_intake)
    with contextlib.ExitStack() as stack:
        if message is not None:
            stack.enter_context(pytest.raises(InvalidInputError, match=message))
        with unit_of_work(engine) as session:
            check_in(
                session,
                patient_id=patient_id,
                data=data,
                knowledge=knowledge,
                today=TODAY,
                review="when_needed",
            )
    with unit_of_work(engine) as session:
        stored = list_checkins(session, patient_id=patient_id)
    assert [c.date for c in stored] == ([] if message else [day])
