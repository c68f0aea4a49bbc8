"""The weekly review and the check-in review on the store: what they write, and when nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from backcare.adaptation.service import review_patient
from backcare.assessments.service import list_assessments
from backcare.domain.intake import Numbness
from backcare.domain.vocabulary import Level
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.history import history_for
from backcare.tracking.service import list_alerts
from backcare.tracking.vocabulary import WarningSymptom
from tests.store.adapt_support import (
    START,
    assessed_patient,
    checkin,
    day,
    import_days,
    review,
    versions,
)
from tests.store.helpers import row_counts


def test_a_review_that_changes_the_plan_stores_a_version_with_its_explanation(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5] * 7 + [2] * 7)
    report = review(engine, knowledge, patient_id, 13)
    (weekly,) = report.reviews
    assert report.changed
    assert weekly.plan_version == 2 == report.plan_version
    assert [rule.id for rule in weekly.rules_fired] == ["AR-004"]
    assert {change.action for change in weekly.changes} == {"progress"}
    latest = versions(engine, patient_id)[-1]
    assert (latest.version, latest.created_by, latest.reviewed_on) == (2, "weekly-review", day(13))
    assert latest.reason == weekly.explanation
    assert latest.plan["explanation"][0].startswith(f"Changed on {day(13).isoformat()}: ")
    assert latest.created_at.date() == day(13)


def test_a_review_that_changes_nothing_writes_nothing(engine: Engine, knowledge: Knowledge) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 5, [4, 4])
    before = row_counts(engine)
    report = review(engine, knowledge, patient_id, 7)
    assert not report.changed
    assert [rule.id for rule in report.reviews[0].rules_fired] == ["AR-008"]
    assert "fewer than 3 check-ins" in report.reviews[0].explanation
    assert row_counts(engine) == before


def test_a_plan_the_review_changed_is_not_changed_again_within_a_week(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5] * 7 + [2] * 9)
    assert review(engine, knowledge, patient_id, 13).changed
    again = review(engine, knowledge, patient_id, 15)
    assert not again.changed
    assert "next review, due on Sunday 23 March" in again.reviews[0].explanation
    assert len(versions(engine, patient_id)) == 2


def test_a_warning_at_a_check_in_stores_the_safety_plan_an_alert_and_the_new_answers(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    report = checkin(engine, knowledge, patient_id, 10, warnings=[WarningSymptom.saddle_numbness])
    assert report is not None
    assert (report.level, report.plan_version) == (Level.emergency, 2)
    (reviewed,) = report.reviews
    assert reviewed.kind == "checkin"
    assert reviewed.assessment_id is not None
    latest = versions(engine, patient_id)[-1]
    assert latest.created_by == "checkin-review"
    assert latest.plan["items"][0]["id"] == "referral-emergency-department"
    with read_only(engine) as session:
        (alert,) = list_alerts(session, patient_id=patient_id)
        assessments = list_assessments(session, patient_id=patient_id)
    assert alert.kind == "red_flag"
    assert alert.detail["warnings"] == ["saddle_numbness"]
    assert latest.assessment_id == assessments[-1].id
    assert Numbness.saddle in assessments[-1].intake["numbness"]
    # The episode's clock runs on: 20 weeks at the start, ten days later.
    assert assessments[-1].intake["duration_weeks"] == pytest.approx(20 + 10 / 7, abs=0.01)


def test_the_weekly_review_seeing_that_warning_again_stores_nothing_new(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 10, warnings=[WarningSymptom.saddle_numbness])
    before = row_counts(engine)
    report = review(engine, knowledge, patient_id, 12)
    assert not report.changed
    assert report.level == Level.emergency
    assert row_counts(engine) == before


def test_a_plain_check_in_is_reviewed_and_changes_nothing(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    report = checkin(engine, knowledge, patient_id, 1)
    assert report is not None
    assert not report.changed
    assert report.reviews[0].rules_fired == []
    assert len(versions(engine, patient_id)) == 1


def test_a_check_in_before_any_assessment_is_stored_without_a_review(
    engine: Engine, knowledge: Knowledge, patient: PatientRead
) -> None:
    assert checkin(engine, knowledge, patient.id, 1, warnings=[WarningSymptom.fever]) is None
    assert row_counts(engine)["checkins"] == 1


def test_reviewing_a_patient_without_an_assessment_is_refused(
    engine: Engine, knowledge: Knowledge, patient: PatientRead
) -> None:
    with pytest.raises(InvalidInputError, match="no assessment"), unit_of_work(engine) as s:
        review_patient(s, patient_id=patient.id, knowledge=knowledge, today=START)


def test_the_history_holds_each_check_ins_warnings_and_flare_up(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 1, pain=3)
    checkin(engine, knowledge, patient_id, 2, pain=7, flare_up=True)
    checkin(engine, knowledge, patient_id, 3, warnings=[WarningSymptom.fever])
    with read_only(engine) as session:
        history = history_for(session, patient_id=patient_id)
    plain, flare, fever = history.checkins
    assert (plain.pain_now, plain.warnings, plain.flare_up) == (3, frozenset(), False)
    assert (flare.pain_now, flare.flare_up) == (7, True)
    assert fever.warnings == frozenset({"fever"})


def test_the_next_review_measures_from_where_the_stepped_up_plan_began(
    engine: Engine, knowledge: Knowledge
) -> None:
    # Assessed at 5; down to 2 in week 2, so the plan steps up (its start is that week's 2.0).
    # Week 3 at 4 is no change on the episode's 5, but 2 points up on the stepped-up plan.
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5] * 7 + [2] * 7 + [4] * 7)
    stepped = review(engine, knowledge, patient_id, 13)
    assert [rule.id for rule in stepped.reviews[0].rules_fired] == ["AR-004"]
    report = review(engine, knowledge, patient_id, 20)
    (weekly,) = report.reviews
    assert [rule.id for rule in weekly.rules_fired] == ["AR-003"]
    assert weekly.figures is not None
    assert weekly.figures["baseline_episode"] == 5
    assert (weekly.figures["baseline_plan"], weekly.figures["plan_since"]) == (
        2.0,
        day(13).isoformat(),
    )
    assert weekly.figures["worse_than"] == ["when this plan began", "last week"]
    assert [alert.kind for alert in weekly.alerts] == ["pain_worsening"]


def test_a_review_before_the_record_began_is_refused(engine: Engine, knowledge: Knowledge) -> None:
    patient_id = assessed_patient(engine, knowledge)
    with pytest.raises(InvalidInputError, match="before this person's record began"):
        review(engine, knowledge, patient_id, -1)
