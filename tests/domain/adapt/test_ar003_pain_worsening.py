"""AR-003: pain up by 2 points or more over a week steps exercises back and suggests a review."""

from __future__ import annotations

from backcare.domain.adapt import Review, weekly_review
from backcare.domain.intake import Intake
from backcare.domain.tracking import History
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, intake, plan_for, timed, weeks


def _review(person: Intake, week: History, knowledge: Knowledge) -> Review:
    return weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=week,
        knowledge=knowledge,
        today=TODAY,
    )


def test_pain_up_two_points_over_a_week_steps_exercises_back(knowledge: Knowledge) -> None:
    person = intake(pain_now=3)
    review = _review(person, weeks(3, 5), knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-003"]
    regressed = [c for c in review.changes if c.action == "regress"]
    assert regressed
    for change in regressed:
        assert change.replacement_id in knowledge.catalog[change.item_id].regression
    assert review.new_plan is not None
    assert {c.replacement_id for c in regressed} <= set(timed(review.new_plan))
    assert "referral-gp" in [item.id for item in review.new_plan.items]
    assert [alert.kind for alert in review.alerts] == ["pain_worsening"]
    assert review.alerts[0].detail["pain_before"] == 3


def test_worsening_is_judged_against_the_intake_without_an_earlier_week(
    knowledge: Knowledge,
) -> None:
    review = _review(intake(pain_now=3), weeks(6), knowledge)
    assert "AR-003" in [rule for rule, _ in review.rules_fired]
    assert review.alerts[0].detail["against"] == "intake"


def test_pain_up_less_than_two_points_changes_nothing(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=3), weeks(3, 4), knowledge)
    assert review.rules_fired == ()
    assert review.new_plan is None
    assert "stay as they are" in review.explanation


def test_worsening_comes_before_low_adherence(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=3), weeks(3, 6, sessions=0), knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-003"]
    assert not [c for c in review.changes if c.action == "simplify"]


def test_easiest_plan_still_gets_the_review_suggestion(knowledge: Knowledge) -> None:
    person = intake(pain_now=3, duration_weeks=2)
    review = _review(person, weeks(3, 6), knowledge)
    assert not [c for c in review.changes if c.action == "regress"]
    assert "already the easiest" in review.explanation
    assert review.new_plan is not None
    assert "referral-gp" in [item.id for item in review.new_plan.items]
