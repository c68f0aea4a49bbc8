"""AR-005: under half of the exercise sessions the plan schedules gives a shorter, simpler plan."""

from __future__ import annotations

import pytest

from backcare.domain.adapt import Review, weekly_review
from backcare.domain.adapt.simplify import SIMPLE_SESSION_ITEMS, simplified_budget
from backcare.domain.adherence import schedule_of
from backcare.domain.intake import Intake
from backcare.domain.plan_model import DAYS, Plan
from backcare.domain.tracking import History, SessionRecord
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import (
    TODAY,
    course,
    days,
    intake,
    person_and_plan,
    plan_for,
    rules_of,
    timed,
    weeks,
)


def _review(person: Intake, plan: Plan, week: History, knowledge: Knowledge) -> Review:
    return weekly_review(intake=person, plan=plan, history=week, knowledge=knowledge, today=TODAY)


def test_under_half_the_sessions_gives_a_shorter_simpler_plan(knowledge: Knowledge) -> None:
    person = intake()
    plan = plan_for(person, knowledge)
    review = _review(person, plan, weeks(6, sessions=0), knowledge)
    assert rules_of(review) == ["AR-005"]
    simple = review.new_plan
    assert simple is not None
    kept = timed(simple)
    hamstring = next(i for i in simple.items if "daily-hamstring" in knowledge.catalog[i.id].tags)
    assert hamstring.days == DAYS
    assert "aerobic-walking" in kept
    kinds = [knowledge.catalog[item_id].kind for item_id in kept]
    assert kinds.count("strengthen") + kinds.count("mobility") <= SIMPLE_SESSION_ITEMS
    assert simple.minutes_per_day_budget == simplified_budget(30) == 15
    assert max(simple.total_minutes_per_day.values()) <= 15
    dropped = {c.item_id for c in review.changes if c.action == "simplify"}
    assert dropped == set(timed(plan)) - set(kept)
    assert "You did 0 of the 5 sessions" in review.explanation


@pytest.mark.parametrize("days_per_week", [3, 4, 5])
def test_a_plan_done_in_full_is_never_simplified_whatever_its_days(
    knowledge: Knowledge, days_per_week: int
) -> None:
    # The issue: 3 of 3 sessions done read as "fewer than half", because the daily stretch put
    # something on every day of the week.
    person, plan = person_and_plan(
        knowledge, preferences={"equipment": ["towel", "mat"], "days_per_week": days_per_week}
    )
    review = _review(person, plan, course(plan, knowledge, [6, 6]), knowledge)
    assert "AR-005" not in rules_of(review)
    assert review.figures is not None
    assert review.figures["exercise_sessions"] == {"done": days_per_week, "planned": days_per_week}


def test_the_session_count_is_the_plans_own_not_every_day(knowledge: Knowledge) -> None:
    _person, plan = person_and_plan(
        knowledge, preferences={"equipment": ["towel", "mat"], "days_per_week": 3}
    )
    schedule = schedule_of(plan, knowledge.catalog)
    assert len(schedule.session_days) == 3
    assert schedule.micro[0][0] == "daily stretches"


def test_a_third_of_a_three_day_plan_is_simplified(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(
        knowledge, preferences={"equipment": ["towel", "mat"], "days_per_week": 3}
    )
    review = _review(person, plan, course(plan, knowledge, [6, 6], share_done=0.34), knowledge)
    assert rules_of(review) == ["AR-005"]
    assert "You did 1 of the 3 sessions" in review.explanation


def test_simplifying_again_changes_nothing_more(knowledge: Knowledge) -> None:
    person = intake()
    first = _review(person, plan_for(person, knowledge), weeks(6, sessions=0), knowledge)
    assert first.new_plan is not None
    second = _review(person, first.new_plan, weeks(6, sessions=0), knowledge)
    assert second.new_plan is None
    assert "already as short as it can be" in second.explanation


def test_half_the_sessions_or_more_is_not_simplified(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge)
    review = _review(person, plan, course(plan, knowledge, [6], share_done=0.6), knowledge)
    assert review.rules_fired == ()


def test_sessions_logged_without_a_checkin_count_towards_adherence(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge)
    session_item = next(i.id for i in plan.items if i.kind == "strengthen")
    logged = tuple(SessionRecord(c.day, session_item, 300, 7) for c in days([6] * 7))
    week = History(checkins=weeks(6, sessions=0).checkins, sessions=logged)
    review = _review(person, plan, week, knowledge)
    assert "AR-005" not in rules_of(review)


def test_the_daily_stretch_alone_is_not_an_exercise_session(knowledge: Knowledge) -> None:
    # Logging only the daily stretch every day is 7 of 7 daily stretches and no session.
    person, plan = person_and_plan(knowledge)
    logged = tuple(SessionRecord(c.day, "stretch-hamstring-towel", 180, 7) for c in days([6] * 7))
    week = History(checkins=weeks(6, sessions=0).checkins, sessions=logged)
    review = _review(person, plan, week, knowledge)
    assert rules_of(review) == ["AR-005"]
    assert review.figures is not None
    assert review.figures["daily_items"]["daily stretches"] == {"done": 7, "planned": 7}
    assert "0 of 5 exercise sessions, 7 of 7 daily stretches" in review.explanation


def test_tiny_budgets_keep_at_least_ten_minutes() -> None:
    assert simplified_budget(5) == 5
    assert simplified_budget(12) == 10
    assert simplified_budget(60) == 30
