"""AR-008: with fewer than three check-ins in the week the plan stays as it is."""

from __future__ import annotations

from backcare.domain.adapt import weekly_review
from backcare.domain.tracking import History
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, days, history, intake, plan_for


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
