"""AR-002: a flare-up gives a few days of relief, then the usual plan comes back."""

from __future__ import annotations

from datetime import timedelta

from backcare.domain.adapt import Review, checkin_review, resume_after_flare, weekly_review
from backcare.domain.adapt.flare import FLARE_MINUTES
from backcare.domain.plan_model import Plan
from backcare.domain.tracking import CheckInRecord
from backcare.domain.vocabulary import Kind
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, days, history, intake, plan_for

FLARE = CheckInRecord(TODAY, 8, flare_up=True)


def _flare(plan: Plan, knowledge: Knowledge, checkin: CheckInRecord = FLARE) -> Review:
    return checkin_review(
        intake=intake(), plan=plan, checkin=checkin, knowledge=knowledge, today=checkin.day
    )


def test_flare_up_switches_to_a_short_relief_plan_for_three_days(knowledge: Knowledge) -> None:
    plan = plan_for(intake(), knowledge)
    review = _flare(plan, knowledge)
    assert review.flare_until == TODAY + timedelta(days=3)
    assert review.resume_plan == plan
    relief = review.new_plan
    assert relief is not None
    tags = {tag for item in relief.items for tag in knowledge.catalog[item.id].tags}
    assert {"flare-relief", "safety-net", "walking"} <= tags
    assert any(item.kind == Kind.heat for item in relief.items)
    for item in relief.items:
        if item.days:
            entry = knowledge.catalog[item.id]
            assert entry.level == 1
            assert "gentle" in entry.tags or "walking" in entry.tags
    assert max(relief.total_minutes_per_day.values()) <= FLARE_MINUTES
    assert [rule for rule, _ in review.rules_fired] == ["AR-002"]
    assert "Monday 17 March" in review.explanation


def test_relief_plan_keeps_the_referrals(knowledge: Knowledge) -> None:
    plan = plan_for(intake(), knowledge)
    relief = _flare(plan, knowledge).new_plan
    assert relief is not None
    referrals = [item for item in plan.items if item.kind == Kind.referral]
    assert referrals
    assert [item for item in relief.items if item.kind == Kind.referral] == referrals


def test_a_second_flare_day_moves_the_end_date_without_a_new_plan(knowledge: Knowledge) -> None:
    first = _flare(plan_for(intake(), knowledge), knowledge)
    assert first.new_plan is not None
    next_day = CheckInRecord(TODAY + timedelta(days=1), 7, flare_up=True)
    second = _flare(first.new_plan, knowledge, next_day)
    assert second.new_plan is None
    assert second.resume_plan is None
    assert second.flare_until == next_day.day + timedelta(days=3)


def test_after_the_flare_the_usual_plan_comes_back(knowledge: Knowledge) -> None:
    plan = plan_for(intake(), knowledge)
    relief = _flare(plan, knowledge).new_plan
    assert relief is not None
    later = TODAY + timedelta(days=4)
    review = resume_after_flare(flare_plan=relief, resume_plan=plan, today=later)
    assert review.new_plan is not None
    assert review.new_plan.items == plan.items
    assert review.new_plan.week == plan.week
    assert review.new_plan.explanation[0].startswith("Changed on 2025-03-18: ")
    assert "usual plan is back" in review.explanation


def test_weekly_review_holds_the_plan_in_a_flare_week(knowledge: Knowledge) -> None:
    person = intake(pain_now=3)
    week = history(days([3, 3, 3, 4, 8, 8], end=TODAY - timedelta(days=1)), [FLARE])
    review = weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=week,
        knowledge=knowledge,
        today=TODAY,
    )
    assert [rule for rule, _ in review.rules_fired] == ["AR-002"]
    assert review.new_plan is None
    assert review.alerts == ()


def test_a_plain_checkin_changes_nothing(knowledge: Knowledge) -> None:
    review = _flare(plan_for(intake(), knowledge), knowledge, CheckInRecord(TODAY, 4))
    assert review.new_plan is None
    assert review.rules_fired == ()
    assert review.explanation == "Your plan stays as it is."
