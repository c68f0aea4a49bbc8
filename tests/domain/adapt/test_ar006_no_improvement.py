"""AR-006: six weeks of good adherence without an important change refers the person on."""

from __future__ import annotations

from datetime import timedelta

from backcare.domain.adapt import Review, weekly_review
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.domain.tracking import History, PegRecord, PsfsRecord
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import (
    TODAY,
    course,
    intake,
    person_and_plan,
    plan_for,
    rules_of,
    weeks,
)

SIX_WEEKS = (6, 6, 6, 6, 6, 6)


def _review(person: Intake, plan: Plan, week: History, knowledge: Knowledge) -> Review:
    return weekly_review(intake=person, plan=plan, history=week, knowledge=knowledge, today=TODAY)


def _ids(plan: Plan | None) -> list[str]:
    assert plan is not None
    return [item.id for item in plan.items]


def test_six_weeks_without_change_refers_to_physiotherapy(knowledge: Knowledge) -> None:
    person = intake(duration_weeks=8)
    plan = plan_for(person, knowledge)
    assert "referral-physiotherapy" not in _ids(plan)
    review = _review(person, plan, weeks(*SIX_WEEKS), knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-006"]
    assert "referral-physiotherapy" in _ids(review.new_plan)
    assert [c.action for c in review.changes] == ["refer"]
    assert [alert.kind for alert in review.alerts] == ["no_improvement"]


def test_physiotherapy_already_planned_refers_to_a_combined_programme(
    knowledge: Knowledge,
) -> None:
    person = intake()
    plan = plan_for(person, knowledge)
    assert "referral-physiotherapy" in _ids(plan)
    review = _review(person, plan, weeks(*SIX_WEEKS), knowledge)
    assert "referral-combined-programme" in _ids(review.new_plan)


def test_five_weeks_is_too_soon_to_refer(knowledge: Knowledge) -> None:
    person = intake(duration_weeks=8)
    review = _review(person, plan_for(person, knowledge), weeks(6, 6, 6, 6, 6), knowledge)
    assert review.rules_fired == ()


def test_a_thirty_percent_better_peg_is_an_important_change(knowledge: Knowledge) -> None:
    person = intake(duration_weeks=8)
    peg = (PegRecord(TODAY - timedelta(weeks=6), 6, 6, 6), PegRecord(TODAY, 6, 3, 3))
    week = History(checkins=weeks(*SIX_WEEKS).checkins, peg=peg)
    review = _review(person, plan_for(person, knowledge), week, knowledge)
    assert review.rules_fired == ()


def test_a_two_point_better_psfs_is_an_important_change(knowledge: Knowledge) -> None:
    person = intake(duration_weeks=8)
    psfs = (
        PsfsRecord(TODAY - timedelta(weeks=6), (("gardening", 3), ("walking", 4))),
        PsfsRecord(TODAY, (("gardening", 6), ("walking", 6))),
    )
    week = History(checkins=weeks(*SIX_WEEKS).checkins, psfs=psfs)
    review = _review(person, plan_for(person, knowledge), week, knowledge)
    assert review.rules_fired == ()


def test_already_referred_everywhere_raises_no_new_alert(knowledge: Knowledge) -> None:
    person = intake()
    first = _review(person, plan_for(person, knowledge), weeks(*SIX_WEEKS), knowledge)
    assert first.new_plan is not None
    again = _review(person, first.new_plan, weeks(*SIX_WEEKS), knowledge)
    assert [rule for rule, _ in again.rules_fired] == ["AR-006"]
    assert again.new_plan is None
    assert again.alerts == ()


def test_a_three_day_plan_done_in_full_for_six_weeks_without_change_is_referred(
    knowledge: Knowledge,
) -> None:
    person, plan = person_and_plan(
        knowledge,
        duration_weeks=8,
        preferences={"equipment": ["towel", "mat"], "days_per_week": 3},
    )
    week = course(plan, knowledge, [6, 6, 5.5, 6, 6.5, 6])
    review = _review(person, plan, week, knowledge)
    assert rules_of(review) == ["AR-006"]
    assert review.alerts[0].detail["baseline"] == 6


def test_six_weeks_with_a_third_of_the_sessions_missed_is_not_good_adherence(
    knowledge: Knowledge,
) -> None:
    person, plan = person_and_plan(knowledge, duration_weeks=8)
    week = course(plan, knowledge, SIX_WEEKS, share_done=0.6)
    assert "AR-006" not in rules_of(_review(person, plan, week, knowledge))


def test_improvement_against_the_start_is_an_important_change(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, duration_weeks=8, pain_now=8)
    week = course(plan, knowledge, SIX_WEEKS)
    assert "AR-006" not in rules_of(_review(person, plan, week, knowledge))
