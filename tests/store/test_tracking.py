"""Check-ins, session logs, measures and alerts: stored as given, refused when out of range."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from backcare.assessments.schemas import PlanVersionCreate
from backcare.assessments.service import add_plan_version
from backcare.domain.intake import Bother, StartBackAnswers
from backcare.domain.plan_model import Plan
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.patients.schemas import PatientCreate, PatientRead
from backcare.patients.service import create_patient
from backcare.store.db import read_only, unit_of_work
from backcare.tracking import repository
from backcare.tracking.models import CheckIn
from backcare.tracking.schemas import (
    AlertCreate,
    CheckInCreate,
    MeasureCreate,
    Peg,
    Psfs,
    SessionLogCreate,
    StartBack,
)
from backcare.tracking.service import (
    import_checkins,
    list_alerts,
    list_checkins,
    list_measures,
    list_sessions,
    raise_alert,
    record_checkin,
    record_measure,
    record_session,
    record_sessions,
    resolve_alert,
    tracking_summary,
)
from backcare.tracking.vocabulary import AlertKind, MeasureKind, WarningSymptom
from tests.store.helpers import count_rows

MONDAY = dt.date(2024, 5, 6)
TODAY = dt.date(2024, 6, 1)
"""The person's today in these tests: after every day they check in for."""


def test_a_check_in_is_stored_as_given(engine: Engine, patient: PatientRead) -> None:
    data = CheckInCreate(
        date=MONDAY,
        pain_now=6,
        sessions_done=1,
        minutes=25,
        notes="stiff in the morning",
        warnings=[WarningSymptom.fever],
        flare_up=True,
    )
    with unit_of_work(engine) as session:
        saved = record_checkin(session, patient_id=patient.id, data=data, today=TODAY)
    with read_only(engine) as session:
        (stored,) = list_checkins(session, patient_id=patient.id)
    assert stored.model_dump() == saved.model_dump(exclude={"replaced"})
    assert not saved.replaced
    assert stored.model_dump(include=set(CheckInCreate.model_fields)) == data.model_dump()


def test_check_ins_are_read_back_by_date_range_in_order(
    engine: Engine, patient: PatientRead
) -> None:
    with unit_of_work(engine) as session:
        for offset in (2, 0, 1, 9):
            day = MONDAY + dt.timedelta(days=offset)
            data = CheckInCreate(date=day, pain_now=offset)
            record_checkin(session, patient_id=patient.id, data=data, today=TODAY)
    with read_only(engine) as session:
        week = list_checkins(
            session, patient_id=patient.id, since=MONDAY, until=MONDAY + dt.timedelta(days=6)
        )
        summary = tracking_summary(session, patient_id=patient.id)
    assert [c.pain_now for c in week] == [0, 1, 2]
    assert (summary.checkins, summary.last_checkin) == (4, MONDAY + dt.timedelta(days=9))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pain_now", 11),
        ("pain_now", -1),
        ("sessions_done", -1),
        ("minutes", 2000),
        ("warnings", ["itchy_toes"]),
        ("mood", "fine"),
    ],
)
def test_bad_check_in_answers_are_refused_naming_the_field(field: str, value: object) -> None:
    answers = {"date": MONDAY, "pain_now": 5, field: value}
    with pytest.raises(ValidationError, match=field):
        CheckInCreate.model_validate(answers)


def test_the_database_itself_refuses_pain_out_of_range(
    engine: Engine, patient: PatientRead
) -> None:
    def a_valid_then_an_invalid_row() -> None:
        with unit_of_work(engine) as session:
            repository.add(session, CheckIn(patient_id=patient.id, date=MONDAY, pain_now=4))
            repository.add(session, CheckIn(patient_id=patient.id, date=MONDAY, pain_now=12))

    with pytest.raises(IntegrityError):
        a_valid_then_an_invalid_row()
    assert count_rows(engine, "checkins") == 0  # the valid first row went too


def test_a_check_in_for_an_unknown_patient_is_not_found(engine: Engine) -> None:
    data = CheckInCreate(date=MONDAY, pain_now=1)
    with pytest.raises(NotFoundError), unit_of_work(engine) as session:
        record_checkin(session, patient_id="0" * 32, data=data, today=TODAY)


def test_a_session_of_a_planned_item_is_logged(
    engine: Engine, patient: PatientRead, plan: Plan
) -> None:
    item = plan.items[0].id
    data = SessionLogCreate(
        date=MONDAY,
        item_id=item,
        duration_seconds=300,
        felt=4,
        stopped_early=True,
        stop_reason="pain went up",
    )
    with unit_of_work(engine) as session:
        add_plan_version(
            session,
            patient_id=patient.id,
            data=PlanVersionCreate(plan=plan, created_by="t", reason="start"),
        )
        saved = record_session(session, patient_id=patient.id, data=data)
    with read_only(engine) as session:
        assert list_sessions(session, patient_id=patient.id) == [saved]
    assert (saved.item_id, saved.stopped_early, saved.stop_reason) == (item, True, "pain went up")


def test_a_session_of_an_item_not_in_the_plan_is_refused(
    engine: Engine, patient: PatientRead, plan: Plan
) -> None:
    data = SessionLogCreate(date=MONDAY, item_id="moonwalk", duration_seconds=60, felt=5)
    with unit_of_work(engine) as session, pytest.raises(ConflictError, match="no plan yet"):
        record_session(session, patient_id=patient.id, data=data)
    with unit_of_work(engine) as session:
        create = PlanVersionCreate(plan=plan, created_by="t", reason="start")
        add_plan_version(session, patient_id=patient.id, data=create)
        with pytest.raises(ConflictError, match="'moonwalk' is not in the current plan"):
            record_session(session, patient_id=patient.id, data=data)


def test_a_whole_session_is_logged_at_once_or_not_at_all(
    engine: Engine, patient: PatientRead, plan: Plan
) -> None:
    logs = [
        SessionLogCreate(date=MONDAY, item_id=item.id, duration_seconds=60, felt=7)
        for item in plan.items[:3]
    ]
    moonwalk = SessionLogCreate(date=MONDAY, item_id="moonwalk", duration_seconds=60, felt=5)
    with unit_of_work(engine) as session:
        create = PlanVersionCreate(plan=plan, created_by="t", reason="start")
        add_plan_version(session, patient_id=patient.id, data=create)
        saved = record_sessions(session, patient_id=patient.id, data=logs)
    with pytest.raises(ConflictError, match="'moonwalk'"), unit_of_work(engine) as session:
        record_sessions(session, patient_id=patient.id, data=[*logs, moonwalk])
    with read_only(engine) as session:
        assert list_sessions(session, patient_id=patient.id) == saved
    assert [log.item_id for log in saved] == [item.id for item in plan.items[:3]]


def test_a_stop_reason_needs_a_stopped_session() -> None:
    with pytest.raises(ValidationError, match="stop_reason"):
        SessionLogCreate(date=MONDAY, item_id="x", duration_seconds=1, felt=5, stop_reason="why")


def test_peg_psfs_and_start_back_store_their_derived_scores(
    engine: Engine, patient: PatientRead
) -> None:
    answers = StartBackAnswers(
        leg_pain=True,
        shoulder_neck_pain=False,
        walked_short_distances=True,
        dressed_slowly=False,
        not_safe_to_be_active=True,
        worrying_thoughts=True,
        terrible_never_better=True,
        not_enjoyed_things=False,
        bothersomeness=Bother.extremely,
    )
    values = [
        Peg(pain=6, enjoyment=5, activity=4),
        Psfs(
            activities=[{"activity": "gardening", "score": 3}, {"activity": "lifting", "score": 6}]
        ),
        StartBack(answers=answers),
    ]
    with unit_of_work(engine) as session:
        for value in values:
            data = MeasureCreate(date=MONDAY, value=value)
            record_measure(session, patient_id=patient.id, data=data, today=MONDAY)
    with read_only(engine) as session:
        peg, psfs, startback = list_measures(session, patient_id=patient.id)
        only_peg = list_measures(session, patient_id=patient.id, kind=MeasureKind.PEG)
    assert (peg.kind, peg.value["mean"]) == (MeasureKind.PEG, 5.0)
    assert psfs.value["mean"] == 4.5
    assert startback.value["score"] == {"total": 6, "distress": 4, "risk": "high"}
    assert only_peg == [peg]


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"kind": "PEG", "pain": 11, "enjoyment": 1, "activity": 1}, "pain"),
        ({"kind": "PSFS", "activities": []}, "activities"),
        ({"kind": "NPRS", "score": -2}, "score"),
        ({"kind": "ODI", "score": 3}, "value"),
    ],
)
def test_bad_measures_are_refused_naming_the_field(value: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        MeasureCreate.model_validate({"date": MONDAY, "value": value})


def test_alerts_stay_open_until_resolved_and_are_kept_afterwards(
    engine: Engine, patient: PatientRead
) -> None:
    with unit_of_work(engine) as session:
        alert = raise_alert(
            session,
            patient_id=patient.id,
            data=AlertCreate(kind=AlertKind.red_flag, detail={"warnings": ["fever"]}),
        )
    with read_only(engine) as session:
        assert list_alerts(session, patient_id=patient.id, open_only=True) == [alert]
    with unit_of_work(engine) as session:
        resolved = resolve_alert(session, patient_id=patient.id, alert_id=alert.id)
    assert resolved.resolved
    assert resolved.resolved_at is not None
    with read_only(engine) as session:
        assert list_alerts(session, patient_id=patient.id, open_only=True) == []
        assert list_alerts(session, patient_id=patient.id) == [resolved]


def test_another_patients_alert_cannot_be_resolved(engine: Engine, patient: PatientRead) -> None:
    with unit_of_work(engine) as session:
        other = create_patient(session, data=PatientCreate(display_name="Bo"))
        alert = raise_alert(
            session, patient_id=other.id, data=AlertCreate(kind=AlertKind.no_improvement)
        )
    with unit_of_work(engine) as session, pytest.raises(NotFoundError):
        resolve_alert(session, patient_id=patient.id, alert_id=alert.id)


# ---- Which days a check-in may be for: from the start of the record to the person's today,
# checked in the service, so every front end refuses the same days with the same sentence.


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + dt.timedelta(days=1), r"date: 2024-06-02 is after today \(2024-06-01\)"),
        (dt.date(9999, 12, 31), "date: 9999-12-31 is after today"),
        (dt.date(2023, 12, 31), r"date: 2023-12-31 is before this person's record began"),
        (dt.date(1, 1, 1), r"date: 0001-01-01 is before this person's record began"),
    ],
)
def test_a_check_in_outside_the_record_is_refused_and_nothing_is_stored(
    engine: Engine, patient: PatientRead, day: dt.date, message: str
) -> None:
    data = CheckInCreate(date=day, pain_now=3)
    with pytest.raises(InvalidInputError, match=message), unit_of_work(engine) as session:
        record_checkin(session, patient_id=patient.id, data=data, today=TODAY)
    assert count_rows(engine, "checkins") == 0


def test_check_ins_on_the_first_day_of_the_record_and_today_are_accepted(
    engine: Engine, patient: PatientRead
) -> None:
    with unit_of_work(engine) as session:
        for day in (patient.created_at.date(), TODAY):
            record_checkin(
                session,
                patient_id=patient.id,
                data=CheckInCreate(date=day, pain_now=3),
                today=TODAY,
            )
    assert count_rows(engine, "checkins") == 2


def test_an_import_with_one_day_outside_the_record_stores_none(
    engine: Engine, patient: PatientRead
) -> None:
    days = [MONDAY, TODAY + dt.timedelta(days=1)]
    data = [CheckInCreate(date=day, pain_now=3) for day in days]
    with pytest.raises(InvalidInputError, match="after today"), unit_of_work(engine) as session:
        import_checkins(session, patient_id=patient.id, data=data, today=TODAY)
    assert count_rows(engine, "checkins") == 0
