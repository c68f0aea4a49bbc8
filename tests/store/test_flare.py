"""Flare-ups on the store: a relief plan for a few days, then the plan from before comes back."""

from __future__ import annotations

from sqlalchemy import Engine

from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from backcare.tracking.vocabulary import WarningSymptom
from tests.store.adapt_support import assessed_patient, checkin, day, review, versions


def test_a_flare_up_stores_a_relief_plan_and_the_version_to_go_back_to(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    report = checkin(engine, knowledge, patient_id, 5, pain=8, flare_up=True)
    assert report is not None
    assert report.reviews[0].flare_until == day(8)
    before, relief = versions(engine, patient_id)
    assert (relief.created_by, relief.flare_until, relief.resumes_version) == (
        "checkin-review",
        day(8),
        1,
    )
    assert relief.plan["items"] != before.plan["items"]


def test_the_usual_plan_comes_back_at_the_first_check_in_after_the_flare(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 5, pain=8, flare_up=True)
    during = checkin(engine, knowledge, patient_id, 8, pain=6)
    assert during is not None
    assert not during.changed
    after = checkin(engine, knowledge, patient_id, 9, pain=4)
    assert after is not None
    assert [review.kind for review in after.reviews] == ["flare_end", "checkin"]
    assert "usual plan is back" in after.reviews[0].explanation
    first, _, back = versions(engine, patient_id)
    assert (back.version, back.created_by, back.flare_until) == (3, "flare-end", None)
    assert back.plan["items"] == first.plan["items"]
    assert back.plan["week"] == first.plan["week"]


def test_another_flare_up_day_moves_the_end_without_a_new_version(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 5, pain=8, flare_up=True)
    still = checkin(engine, knowledge, patient_id, 7, pain=8, flare_up=True)
    assert still is not None
    assert not still.changed
    assert "Still in a flare-up" in still.reviews[0].explanation
    checkin(engine, knowledge, patient_id, 10, pain=5)
    assert len(versions(engine, patient_id)) == 2  # day 10 is the new last day of the flare
    checkin(engine, knowledge, patient_id, 11, pain=4)
    assert [v.created_by for v in versions(engine, patient_id)][-1] == "flare-end"


def test_the_weekly_review_also_ends_a_flare_that_is_over(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 2, pain=8, flare_up=True)
    report = review(engine, knowledge, patient_id, 7)
    assert [r.kind for r in report.reviews] == ["flare_end", "weekly"]
    assert report.reviews[0].plan_version == 3 == report.plan_version


def test_a_safety_plan_during_a_flare_never_turns_back_into_exercises(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 5, pain=8, flare_up=True)
    checkin(engine, knowledge, patient_id, 6, pain=8, warnings=[WarningSymptom.saddle_numbness])
    later = checkin(engine, knowledge, patient_id, 12, pain=3)
    assert later is not None
    assert later.level == Level.emergency
    assert not later.changed
    safety = versions(engine, patient_id)[-1]
    assert (safety.version, safety.flare_until, safety.resumes_version) == (3, None, None)


def test_a_doctors_check_added_during_a_flare_stays_after_it(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    checkin(engine, knowledge, patient_id, 5, pain=8, flare_up=True)
    soon = checkin(
        engine,
        knowledge,
        patient_id,
        6,
        pain=7,
        warnings=[WarningSymptom.unexplained_weight_loss],
    )
    assert soon is not None
    assert soon.level == Level.soon
    assert versions(engine, patient_id)[-1].flare_until == day(8)  # still the relief plan
    after = checkin(engine, knowledge, patient_id, 9, pain=4)
    assert after is not None
    assert [r.kind for r in after.reviews] == ["flare_end", "checkin", "checkin"]
    assert after.level == Level.soon
    final = versions(engine, patient_id)[-1]
    assert final.flare_until is None
    assert "referral-gp" in {item["id"] for item in final.plan["items"]}
    assert any(item["days"] for item in final.plan["items"])  # the exercises are back
