"""AR-003: pain importantly worse than the start of the episode, of the plan version or last
week steps exercises back, suggests a review and alerts the clinician."""

from __future__ import annotations

from datetime import date

from backcare.domain.adapt import Review, weekly_review
from backcare.domain.adapt.course import Baseline, Baselines
from backcare.domain.intake import Intake
from backcare.domain.tracking import History
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import (
    TODAY,
    course,
    days,
    history,
    intake,
    person_and_plan,
    plan_for,
    reviews_week_by_week,
    rules_of,
    timed,
    weeks,
)


def _review(person: Intake, week: History, knowledge: Knowledge, **extra: object) -> Review:
    return weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=week,
        knowledge=knowledge,
        today=TODAY,
        **extra,  # type: ignore[arg-type]
    )


def test_pain_up_two_points_over_a_week_steps_exercises_back(knowledge: Knowledge) -> None:
    person = intake(pain_now=3)
    review = _review(person, weeks(3, 5), knowledge)
    assert rules_of(review) == ["AR-003"]
    regressed = [c for c in review.changes if c.action == "regress"]
    assert regressed
    for change in regressed:
        assert change.replacement_id in knowledge.catalog[change.item_id].regression
    assert review.new_plan is not None
    assert {c.replacement_id for c in regressed} <= set(timed(review.new_plan))
    assert "referral-gp" in [item.id for item in review.new_plan.items]
    assert [alert.kind for alert in review.alerts] == ["pain_worsening"]
    detail = review.alerts[0].detail
    assert detail["baseline_episode"] == 3
    assert detail["worse_than"] == ["when you started", "last week"]


def test_the_issues_gradual_worsening_is_caught_against_the_start(knowledge: Knowledge) -> None:
    # 4 at the assessment, then weekly means of 4.7 and 6.6 with every session done: up only
    # 1.9 on the week before, but 2.6 on the start.
    person, plan = person_and_plan(knowledge, pain_now=4)
    first, second = reviews_week_by_week(
        person, plan, course(plan, knowledge, [4.7, 6.6]), knowledge, 2
    )
    assert rules_of(first) == []
    assert rules_of(second) == ["AR-003"]
    assert second.figures is not None
    assert second.figures["worse_than"] == ["when you started", "last week"]
    assert [alert.kind for alert in second.alerts] == ["pain_worsening"]
    assert "2.6 points (64%) worse" in second.explanation


def test_sudden_worsening_steps_back_at_once(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=3)
    reviews = reviews_week_by_week(person, plan, course(plan, knowledge, [3, 3, 7]), knowledge, 3)
    assert [rules_of(review) for review in reviews] == [[], [], ["AR-003"]]


def test_a_thirty_percent_rise_of_at_least_a_point_is_worse(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=3), weeks(3, 4), knowledge)
    assert rules_of(review) == ["AR-003"]


def test_a_rise_under_a_point_is_not_worse_even_over_thirty_percent(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=2), weeks(2, 2), knowledge)
    assert review.rules_fired == ()
    low = _review(intake(pain_now=2), history(days([2] * 7 + [3, 2, 3, 2, 3, 2, 3])), knowledge)
    assert "AR-003" not in rules_of(low)


def test_worse_than_the_plan_versions_start_steps_back(knowledge: Knowledge) -> None:
    # Better than the episode's 7, but 2 points up on the 3 the stepped-up plan began at.
    baselines = Baselines(Baseline(7), Baseline(3, date(2025, 3, 1)))
    review = _review(intake(pain_now=7), weeks(5), knowledge, baselines=baselines)
    assert rules_of(review) == ["AR-003"]
    assert review.alerts[0].detail["worse_than"] == ["when this plan began"]


def test_worsening_is_judged_against_the_intake_without_an_earlier_week(
    knowledge: Knowledge,
) -> None:
    review = _review(intake(pain_now=3), weeks(6), knowledge)
    assert "AR-003" in rules_of(review)
    assert review.alerts[0].detail["worse_than"] == ["when you started"]


def test_pain_up_less_than_the_important_change_changes_nothing(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=5), weeks(5, 6), knowledge)
    assert review.rules_fired == ()
    assert review.new_plan is None
    assert "stay as they are" in review.explanation


def test_worsening_comes_before_low_adherence(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=3), weeks(3, 6, sessions=0), knowledge)
    assert rules_of(review) == ["AR-003"]
    assert not [c for c in review.changes if c.action == "simplify"]


def test_easiest_plan_still_gets_the_review_suggestion(knowledge: Knowledge) -> None:
    person = intake(pain_now=3, duration_weeks=2)
    review = _review(person, weeks(3, 6), knowledge)
    assert not [c for c in review.changes if c.action == "regress"]
    assert "already the easiest" in review.explanation
    assert review.new_plan is not None
    assert "referral-gp" in [item.id for item in review.new_plan.items]
