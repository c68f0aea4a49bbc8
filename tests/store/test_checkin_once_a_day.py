"""One check-in per person per day: a second one replaces the first, on both databases.

The weekly review then counts each day once, and no warning sign is lost by replacing: the
replacing check-in's own signs re-run triage (H-121), and signs said earlier that day stay on
the stored check-in (H-120).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from backcare.adaptation.service import check_in
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import import_checkins, list_alerts, list_checkins, one_per_day
from backcare.tracking.vocabulary import AlertKind, WarningSymptom
from tests.store.adapt_support import assessed_patient, checkin, day, review, versions


def stored(engine: Engine, patient_id: str) -> list[tuple[str, int, list[str], bool]]:
    with read_only(engine) as session:
        rows = list_checkins(session, patient_id=patient_id)
    return [
        (row.date.isoformat(), row.pain_now, [w.value for w in row.warnings], row.flare_up)
        for row in rows
    ]


def test_a_second_check_in_the_same_day_replaces_the_first(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 2, pain=6)
    checkin(engine, knowledge, patient_id, 2, pain=3)
    checkin(engine, knowledge, patient_id, 3, pain=4)
    assert stored(engine, patient_id) == [
        (day(2).isoformat(), 3, [], False),
        (day(3).isoformat(), 4, [], False),
    ]


def test_the_database_refuses_a_second_row_for_the_same_day(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 2)
    insert = text(
        "INSERT INTO checkins (patient_id, date, pain_now, sessions_done, minutes, notes, "
        "warnings, flare_up, created_at) VALUES (:p, :d, 1, 0, 0, '', '[]', false, :c)"
    )
    with pytest.raises(IntegrityError), unit_of_work(engine) as session:
        session.execute(insert, {"p": patient_id, "d": day(2), "c": "2025-03-05 10:00:00"})


def test_a_replacing_check_in_with_a_warning_sign_still_runs_triage(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 2, pain=3)
    report = checkin(
        engine, knowledge, patient_id, 2, pain=3, warnings=[WarningSymptom.saddle_numbness]
    )
    assert report is not None
    assert report.level == "emergency"
    assert versions(engine, patient_id)[-1].plan["triage"]["level"] == "emergency"
    with read_only(engine) as session:
        kinds = [alert.kind for alert in list_alerts(session, patient_id=patient_id)]
    assert kinds == [AlertKind.red_flag]


def test_a_replacing_check_in_never_removes_a_warning_sign_said_earlier_that_day(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 2, warnings=[WarningSymptom.fever])
    checkin(engine, knowledge, patient_id, 2, pain=2, flare_up=False)
    assert stored(engine, patient_id) == [(day(2).isoformat(), 2, ["fever"], False)]
    # The earlier sign was reviewed (and alerted) when it was said; replacing does not repeat it.
    with read_only(engine) as session:
        alerts = list_alerts(session, patient_id=patient_id)
    assert [alert.kind for alert in alerts] == [AlertKind.red_flag]


def test_a_flare_up_said_earlier_that_day_stays(engine: Engine, knowledge: Knowledge) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 2, pain=7, flare_up=True)
    checkin(engine, knowledge, patient_id, 2, pain=5)
    assert stored(engine, patient_id) == [(day(2).isoformat(), 5, [], True)]


def test_the_weekly_review_counts_a_day_checked_in_three_times_once(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    for pain in (2, 2, 2):
        checkin(engine, knowledge, patient_id, 5, pain=pain)
    checkin(engine, knowledge, patient_id, 6, pain=2)
    report = review(engine, knowledge, patient_id, 6)
    (weekly,) = report.reviews
    # Two days, not four check-ins: too few to judge (AR-008), so nothing changes.
    assert [rule.id for rule in weekly.rules_fired] == ["AR-008"]
    assert not report.changed


def test_sessions_of_a_replaced_day_count_once(engine: Engine, knowledge: Knowledge) -> None:
    patient_id = assessed_patient(engine, knowledge)
    for n in range(7):
        data = CheckInCreate(date=day(n), pain_now=4, sessions_done=1)
        again = CheckInCreate(date=day(n), pain_now=4, sessions_done=1)
        for item in (data, again):
            with unit_of_work(engine) as session:
                check_in(
                    session, patient_id=patient_id, data=item, knowledge=knowledge, today=day(n)
                )
    report = review(engine, knowledge, patient_id, 6)
    figures = report.reviews[-1].figures
    assert figures is not None
    sessions = figures["exercise_sessions"]
    assert sessions["done"] == 7  # one a day, not the 14 check-ins sent
    assert sessions["planned"] > 0


def test_one_per_day_keeps_the_latest_answers_and_every_warning_sign() -> None:
    earlier = CheckInCreate(date=day(1), pain_now=6, warnings=[WarningSymptom.fever])
    later = CheckInCreate(date=day(1), pain_now=3, flare_up=False)
    other = CheckInCreate(date=day(2), pain_now=4)
    (first, second) = one_per_day([earlier, other, later])
    assert (first.date, first.pain_now, first.warnings) == (day(1), 3, [WarningSymptom.fever])
    assert second == other


def test_importing_two_check_ins_of_one_day_stores_one(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    data = [CheckInCreate(date=day(1), pain_now=p) for p in (5, 4)]
    with unit_of_work(engine) as session:
        count = import_checkins(session, patient_id=patient_id, data=data, today=day(3))
    assert count == 1
    assert stored(engine, patient_id) == [(day(1).isoformat(), 4, [], False)]
