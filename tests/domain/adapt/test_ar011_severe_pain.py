"""AR-011: pain of 8/10 or more on three days of a week asks the person to contact a clinician
and alerts the clinician, once; the weekly review does not step such a week up."""

from __future__ import annotations

from datetime import timedelta

from backcare.domain.adapt import Review, checkin_review, weekly_review
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.domain.tracking import CheckInRecord, History
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, days, history, person_and_plan, rules_of


def _reviews_day_by_day(
    person: Intake, plan: Plan, pains: list[int], knowledge: Knowledge, **extra: object
) -> list[Review]:
    """The check-in review of each day, seeing the days before it (as the service does)."""
    checkins = days(pains, **extra)  # type: ignore[arg-type]
    out = []
    for n, checkin in enumerate(checkins):
        out.append(
            checkin_review(
                intake=person,
                plan=plan,
                checkin=checkin,
                knowledge=knowledge,
                today=checkin.day,
                recent=History(checkins=checkins[: n + 1]),
            )
        )
    return out


def test_the_third_severe_day_of_a_week_asks_for_a_clinician_once(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=6)
    reviews = _reviews_day_by_day(person, plan, [6, 8, 5, 9, 8, 9, 9], knowledge)
    assert [rules_of(review) for review in reviews] == [[], [], [], [], ["AR-011"], [], []]
    fired = reviews[4]
    assert [alert.kind for alert in fired.alerts] == ["severe_pain"]
    assert len(fired.alerts[0].detail["days"]) == 3  # type: ignore[arg-type]
    assert "8 out of 10 or more on 3 days" in fired.explanation
    assert "contact your GP or physiotherapist" in fired.explanation
    assert fired.new_plan is None


def test_moderate_pain_every_day_is_not_severe(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=6)
    reviews = _reviews_day_by_day(person, plan, [7] * 7, knowledge)
    assert all(rules_of(review) == [] for review in reviews)


def test_severe_days_spread_over_more_than_a_week_do_not_count(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=6)
    reviews = _reviews_day_by_day(person, plan, [8, 5, 5, 5, 5, 5, 8, 5, 8], knowledge)
    assert all(rules_of(review) == [] for review in reviews)


def test_severe_pain_on_a_flare_day_gets_both_the_call_and_the_relief_plan(
    knowledge: Knowledge,
) -> None:
    person, plan = person_and_plan(knowledge, pain_now=6)
    earlier = days([9, 9], end=TODAY - timedelta(days=1))
    today = CheckInRecord(TODAY, 9, flare_up=True)
    review = checkin_review(
        intake=person,
        plan=plan,
        checkin=today,
        knowledge=knowledge,
        today=TODAY,
        recent=history(earlier, [today]),
    )
    assert rules_of(review) == ["AR-011", "AR-002"]
    assert review.new_plan is not None


def test_a_week_with_severe_days_is_not_stepped_up(knowledge: Knowledge) -> None:
    # 10 at the start; this week's mean of 4.6 is 54% better, but three days were severe.
    person, plan = person_and_plan(knowledge, pain_now=10)
    review = weekly_review(
        intake=person,
        plan=plan,
        history=history(days([8, 9, 8, 1, 2, 2, 2])),
        knowledge=knowledge,
        today=TODAY,
    )
    assert "AR-004" not in rules_of(review)
    assert review.figures is not None
    assert review.figures["severe_days"] == 3


def test_a_safety_plan_keeps_its_own_instruction(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=6, fever=True)
    assert plan.triage.level == "urgent"
    reviews = _reviews_day_by_day(person, plan, [9, 9, 9], knowledge)
    assert all(review.alerts == () for review in reviews)
    assert all("AR-011" not in rules_of(review) for review in reviews)
