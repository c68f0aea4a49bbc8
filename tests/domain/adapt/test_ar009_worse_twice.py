"""AR-009: worse at two weekly reviews in a row steps the plan down and asks a clinician to
review it. "Worse" is importantly worse than a baseline or last week, or a rising trend."""

from __future__ import annotations

from backcare.domain.adapt import weekly_review
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import (
    TODAY,
    course,
    person_and_plan,
    reviews_week_by_week,
    rules_of,
)


def test_the_issues_worsening_that_goes_on_reaches_a_clinician(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=4)
    week = course(plan, knowledge, [4.7, 6.6, 6.6])
    reviews = reviews_week_by_week(person, plan, week, knowledge, 3)
    assert [rules_of(review) for review in reviews] == [[], ["AR-003"], ["AR-003", "AR-009"]]
    last = reviews[-1]
    assert [alert.kind for alert in last.alerts] == ["pain_worsening", "clinician_review"]
    assert "weekly reviews in a row" in last.explanation
    # One step down per review, not two: AR-009 leaves stepping to AR-003 when both fire.
    assert len({c.item_id for c in last.changes if c.action == "regress"}) == len(
        [c for c in last.changes if c.action == "regress"]
    )


def test_a_rising_trend_after_a_worse_week_steps_down_on_its_own(knowledge: Knowledge) -> None:
    # Down to 3 from 8, then back up a point a week: the third week is no important change on
    # the week before, but the three-week trend has risen by 2 points.
    person, plan = person_and_plan(knowledge, pain_now=8)
    reviews = reviews_week_by_week(person, plan, course(plan, knowledge, [3, 4, 5]), knowledge, 3)
    assert [rules_of(review) for review in reviews] == [["AR-004"], ["AR-003"], ["AR-009"]]
    last = reviews[-1]
    assert last.figures is not None
    assert last.figures["rising"]
    assert [alert.kind for alert in last.alerts] == ["clinician_review"]
    assert last.new_plan is not None
    assert "referral-gp" in [item.id for item in last.new_plan.items]
    assert [c for c in last.changes if c.action == "regress"]


def test_one_bad_week_that_settles_does_not_climb_the_ladder(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=4)
    reviews = reviews_week_by_week(person, plan, course(plan, knowledge, [4, 6.6, 4]), knowledge, 3)
    assert [rules_of(review) for review in reviews] == [[], ["AR-003"], []]


def test_creeping_up_once_is_named_but_changes_nothing(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=8)
    review = weekly_review(
        intake=person,
        plan=plan,
        history=course(plan, knowledge, [3, 3.5, 4.3]),
        knowledge=knowledge,
        today=TODAY,
    )
    # Still 44% better than the start and under 30% up on last week, but rising: no step up.
    assert rules_of(review) == []
    assert review.figures is not None
    assert review.figures["rising"]
    assert "creeping up" in review.explanation
    assert review.new_plan is None
