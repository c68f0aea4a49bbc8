"""AR-007: a safety plan waits for a doctor; reviews never step it up or down."""

from __future__ import annotations

from backcare.domain.adapt import checkin_review, weekly_review
from backcare.domain.tracking import CheckInRecord
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, intake, plan_for, weeks


def test_weekly_review_leaves_a_safety_plan_alone(knowledge: Knowledge) -> None:
    person = intake(fever=True)
    plan = plan_for(person, knowledge)
    assert plan.triage.level == Level.urgent
    review = weekly_review(
        intake=person, plan=plan, history=weeks(6, 2), knowledge=knowledge, today=TODAY
    )
    assert [rule for rule, _ in review.rules_fired] == ["AR-007"]
    assert review.new_plan is None


def test_a_flare_up_does_not_replace_a_safety_plan(knowledge: Knowledge) -> None:
    person = intake(fever=True)
    review = checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=CheckInRecord(TODAY, 8, flare_up=True),
        knowledge=knowledge,
        today=TODAY,
    )
    assert [rule for rule, _ in review.rules_fired] == ["AR-007"]
    assert review.new_plan is None


def test_a_more_serious_warning_still_escalates_an_urgent_plan(knowledge: Knowledge) -> None:
    person = intake(fever=True)
    review = checkin_review(
        intake=person,
        plan=plan_for(person, knowledge),
        checkin=CheckInRecord(TODAY, 8, warnings=frozenset({"numbness:saddle"})),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.new_plan is not None
    assert review.new_plan.triage.level == Level.emergency
    assert review.alerts[0].kind == "red_flag"
