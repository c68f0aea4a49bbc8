"""AR-008: with fewer than three check-ins in the week the plan stays as it is."""

from __future__ import annotations

from backcare.domain.adapt import weekly_review
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
)


def test_two_checkins_are_too_few_to_judge(knowledge: Knowledge) -> None:
    person = intake(pain_now=3)
    review = weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=history(days([9, 9])),
        knowledge=knowledge,
        today=TODAY,
    )
    assert [rule for rule, _ in review.rules_fired] == ["AR-008"]
    assert review.new_plan is None
    assert review.alerts == ()


def test_an_empty_history_is_too_few_to_judge(knowledge: Knowledge) -> None:
    person = intake()
    review = weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=History(),
        knowledge=knowledge,
        today=TODAY,
    )
    assert [rule for rule, _ in review.rules_fired] == ["AR-008"]


def test_sparse_check_ins_over_weeks_are_judged_only_in_weeks_with_enough(
    knowledge: Knowledge,
) -> None:
    # Three weeks of falling pain, but the middle week has only two check-ins.
    person, plan = person_and_plan(knowledge, pain_now=6)
    sparse = course(plan, knowledge, [5, 4, 3], skip_days=[7, 8, 9, 10, 11])
    reviews = reviews_week_by_week(person, plan, sparse, knowledge, 3)
    assert [rules_of(review) for review in reviews] == [[], ["AR-008"], ["AR-004"]]


def test_a_sparse_trend_is_not_read(knowledge: Knowledge) -> None:
    # Three check-ins this week are enough to judge it; five in three weeks are too few for a
    # trend line (it needs six readings spanning two weeks).
    person, plan = person_and_plan(knowledge, pain_now=6)
    kept = {0, 1, 18, 19, 20}
    sparse = course(plan, knowledge, [6, 6, 6], skip_days=[n for n in range(21) if n not in kept])
    review = weekly_review(
        intake=person, plan=plan, history=sparse, knowledge=knowledge, today=TODAY
    )
    assert review.figures is not None
    assert review.figures["trend_per_week"] is None


def test_a_trend_needs_readings_spanning_two_weeks(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=6)
    one_week = course(plan, knowledge, [6, 6, 6], skip_days=range(14))
    two_weeks = course(plan, knowledge, [6, 6, 6], skip_days=range(6))
    for sparse, read in ((one_week, False), (two_weeks, True)):
        review = weekly_review(
            intake=person, plan=plan, history=sparse, knowledge=knowledge, today=TODAY
        )
        assert review.figures is not None
        assert (review.figures["trend_per_week"] is not None) is read
