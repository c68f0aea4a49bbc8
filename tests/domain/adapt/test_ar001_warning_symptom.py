"""AR-001: a new warning sign at a check-in re-runs triage at once."""

from __future__ import annotations

import pytest

from backcare.domain.adapt import (
    Review,
    UnknownWarningError,
    checkin_review,
    normalise,
    weekly_review,
)
from backcare.domain.adapt.warnings import apply_warnings
from backcare.domain.intake import Numbness, Onset
from backcare.domain.tracking import CheckInRecord
from backcare.domain.vocabulary import EXERCISE_KINDS, HANDS_ON_KINDS, Kind, Level
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, days, history, intake, plan_for, weeks


def _checkin(*warnings: str) -> CheckInRecord:
    return CheckInRecord(TODAY, 5, warnings=frozenset(warnings))


def test_new_saddle_numbness_at_checkin_replaces_plan_with_safety_plan(
    knowledge: Knowledge,
) -> None:
    person = intake()
    review = checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=_checkin("numbness:saddle"),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.emergency
    assert review.new_plan.items[0].id == "referral-emergency-department"
    assert not {i.kind for i in review.new_plan.items} & (EXERCISE_KINDS | HANDS_ON_KINDS)
    assert [rule for rule, _ in review.rules_fired] == ["AR-001"]
    assert [alert.kind for alert in review.alerts] == ["red_flag"]
    assert review.changes[0].action == "safety"
    assert review.updated_intake is not None
    assert Numbness.saddle in review.updated_intake.numbness


def test_checkin_vocabulary_codes_work_like_intake_answers(knowledge: Knowledge) -> None:
    person = intake()
    review = checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=_checkin("saddle_numbness"),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.emergency


def test_bladder_change_reported_at_a_checkin_is_read_as_new() -> None:
    person = intake(warning_symptoms_onset="stable_over_2_weeks")
    updated = apply_warnings(person, ["bladder_bowel_change"])
    assert updated.warning_symptoms_onset == Onset.new_or_worsening


def test_fever_at_a_checkin_makes_the_plan_urgent(knowledge: Knowledge) -> None:
    person = intake()
    review = checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=_checkin("fever"),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.urgent
    assert review.new_plan.items[0].kind == Kind.referral
    assert not any(review.new_plan.week.values())


def test_warning_that_stays_self_care_keeps_the_plan_and_notes_the_review(
    knowledge: Knowledge,
) -> None:
    person = intake()
    review = checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=_checkin("thoracic_pain"),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is None
    assert [rule for rule, _ in review.rules_fired] == ["AR-001"]
    assert review.alerts[0].kind == "red_flag"
    assert review.alerts[0].detail["summary"] == "warning answer reviewed"
    assert "plan stays" in review.explanation


def test_warning_that_needs_a_doctor_soon_adds_a_gp_referral(knowledge: Knowledge) -> None:
    person = intake()
    plan = plan_for(person, knowledge)
    review = checkin_review(
        intake=person,
        plan=plan,
        checkin=_checkin("constant_night_pain"),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.soon
    assert "referral-gp" in [item.id for item in review.new_plan.items]
    assert review.new_plan.week == plan.week
    assert not any("none of the warning signs" in line for line in review.new_plan.explanation)


def test_weekly_review_catches_a_warning_sign_from_the_week(knowledge: Knowledge) -> None:
    person = intake()
    week = history(days([5, 5, 5, 5, 5, 5]), [_checkin("bladder_bowel_change")])
    review = weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=week,
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.emergency
    assert review.alerts[0].kind == "red_flag"


def test_weekly_review_does_not_repeat_the_reviewed_alert(knowledge: Knowledge) -> None:
    person = intake()
    week = history(days([6] * 6, end=TODAY.replace(day=13)), [_checkin("thoracic_pain")])
    review = weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=week,
        knowledge=knowledge,
        today=TODAY,
    )
    assert "AR-001" in [rule for rule, _ in review.rules_fired]
    assert review.alerts == ()


def test_a_warning_in_an_earlier_week_is_not_reviewed_again(knowledge: Knowledge) -> None:
    person = intake()
    old = CheckInRecord(TODAY.replace(day=1), 6, warnings=frozenset({"fever"}))
    review = weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=history([old], weeks(6).checkins),
        knowledge=knowledge,
        today=TODAY,
    )
    assert "AR-001" not in [rule for rule, _ in review.rules_fired]


def test_unknown_warning_code_is_rejected() -> None:
    with pytest.raises(UnknownWarningError, match="not a warning question"):
        normalise("sore_elbow")


def test_a_default_answer_is_not_a_warning_sign() -> None:
    with pytest.raises(UnknownWarningError, match="does not describe a warning sign"):
        apply_warnings(intake(), ["leg_weakness:none"])


def test_a_yes_no_warning_takes_no_value() -> None:
    with pytest.raises(UnknownWarningError, match="yes/no"):
        apply_warnings(intake(), ["fever:yes"])


def test_an_answer_that_rules_out_an_exercise_takes_it_out_of_the_plan(
    knowledge: Knowledge,
) -> None:
    person = intake()
    plan = plan_for(person, knowledge)
    assert "stretch-knee-to-chest" in [item.id for item in plan.items]
    review = checkin_review(
        intake=person, plan=plan, checkin=_checkin("osteoporosis"), knowledge=knowledge, today=TODAY
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.self_care
    planned = [item.id for item in review.new_plan.items]
    assert "stretch-knee-to-chest" not in planned
    assert "massage-thumb-beside-spine" not in planned
    unsafe = {c.item_id for c in review.changes if c.action == "safety"}
    assert {"stretch-knee-to-chest", "massage-thumb-beside-spine"} <= unsafe
    assert any(row["id"] == "stretch-knee-to-chest" for row in review.new_plan.excluded)


def test_a_checkin_never_makes_an_answer_milder() -> None:
    person = intake(leg_weakness="worsening", trauma="major")
    updated = apply_warnings(person, ["leg_weakness:stable", "trauma:minor"])
    assert updated.leg_weakness == "worsening"
    assert updated.trauma == "major"


# ---- The check-in's re-triage answers: a fall, a sudden severe change, cannot stand or walk,
# leg symptoms worse in one leg or spreading to both. Each is applied to the stored intake and
# triage runs again at once.


def _answered(knowledge: Knowledge, *codes: str, **answers: object) -> Review:
    person = intake(**answers)
    return checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=_checkin(*codes),
        knowledge=knowledge,
        today=TODAY,
    )


def _safety_plan(review: Review, level: Level) -> None:
    """The plan is now the safety plan at ``level``, and the person is told so plainly."""
    assert review.new_plan is not None
    assert review.new_plan.triage.level == level
    assert not any(review.new_plan.week.values())
    assert not {i.kind for i in review.new_plan.items} & (EXERCISE_KINDS | HANDS_ON_KINDS)
    assert "plan stays" not in review.explanation
    assert review.new_plan.triage.action in review.explanation
    assert "Exercises are on hold" in review.explanation


def test_osteoporosis_with_a_sudden_severe_change_and_cannot_stand_is_an_emergency(
    knowledge: Knowledge,
) -> None:
    review = _answered(
        knowledge,
        "sudden_severe_change",
        "unable_to_walk_or_bear_weight",
        age=74,
        osteoporosis=True,
    )
    _safety_plan(review, Level.emergency)
    assert review.alerts[0].detail["red_flags"][:1] == ["RF-013"]  # type: ignore[index]


def test_a_fall_with_osteoporosis_is_urgent(knowledge: Knowledge) -> None:
    review = _answered(knowledge, "new_fall_or_injury", age=60, osteoporosis=True)
    _safety_plan(review, Level.urgent)
    assert review.updated_intake is not None
    assert review.updated_intake.trauma == "minor"


def test_a_fall_over_seventy_is_urgent(knowledge: Knowledge) -> None:
    _safety_plan(_answered(knowledge, "new_fall_or_injury", age=75), Level.urgent)


def test_a_fall_and_cannot_stand_is_an_emergency(knowledge: Knowledge) -> None:
    review = _answered(knowledge, "new_fall_or_injury", "unable_to_walk_or_bear_weight")
    _safety_plan(review, Level.emergency)


def test_a_sudden_severe_change_over_fifty_is_urgent(knowledge: Knowledge) -> None:
    review = _answered(knowledge, "sudden_severe_change", age=55)
    _safety_plan(review, Level.urgent)
    assert review.updated_intake is not None
    assert review.updated_intake.sudden_severe_onset


def test_leg_symptoms_spreading_to_both_legs_are_an_emergency_even_in_a_long_episode(
    knowledge: Knowledge,
) -> None:
    # Twenty weeks in, leg symptoms in both legs are new only if they are getting worse; a
    # spread first reported at a check-in is new by definition.
    review = _answered(knowledge, "leg_symptoms_both_legs", leg_pain="one_leg", duration_weeks=20)
    _safety_plan(review, Level.emergency)
    assert review.updated_intake is not None
    assert review.updated_intake.leg_pain == "both_legs"
    assert review.updated_intake.leg_symptoms_worsening


def test_leg_symptoms_worse_in_one_leg_are_kept_apart_from_both_legs(
    knowledge: Knowledge,
) -> None:
    review = _answered(
        knowledge, "leg_symptoms_worsening", leg_pain="one_leg", leg_pain_below_knee=True
    )
    assert review.updated_intake is not None
    assert review.updated_intake.leg_pain == "one_leg"
    assert review.updated_intake.leg_symptoms_worsening
    assert (review.new_plan or plan_for(intake(), knowledge)).triage.level != Level.emergency


def test_numbness_in_both_legs_first_reported_at_a_checkin_is_new() -> None:
    person = intake(numbness=["both_legs"], warning_symptoms_onset="stable_over_2_weeks")
    updated = apply_warnings(person, ["numbness:both_legs"])
    assert updated.warning_symptoms_onset == Onset.new_or_worsening


def test_cannot_stand_or_walk_without_an_injury_is_urgent(knowledge: Knowledge) -> None:
    review = _answered(knowledge, "unable_to_walk_or_bear_weight", age=74, osteoporosis=True)
    _safety_plan(review, Level.urgent)


def test_leg_symptoms_worse_in_one_leg_with_sciatica_need_a_doctor_soon(
    knowledge: Knowledge,
) -> None:
    review = _answered(
        knowledge,
        "leg_symptoms_worsening",
        leg_pain="one_leg",
        leg_pain_below_knee=True,
        duration_weeks=3,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level.rank >= Level.soon.rank
    assert "referral-gp" in [item.id for item in review.new_plan.items]
