"""AR-005: under half the planned sessions done gives a shorter, simpler plan."""

from __future__ import annotations

from backcare.domain.adapt import Review, weekly_review
from backcare.domain.adapt.simplify import SIMPLE_SESSION_ITEMS, simplified_budget
from backcare.domain.intake import Intake
from backcare.domain.plan_model import DAYS, Plan
from backcare.domain.tracking import History, SessionRecord
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, days, history, intake, plan_for, timed, weeks


def _review(person: Intake, plan: Plan, week: History, knowledge: Knowledge) -> Review:
    return weekly_review(intake=person, plan=plan, history=week, knowledge=knowledge, today=TODAY)


def test_under_half_the_sessions_gives_a_shorter_simpler_plan(knowledge: Knowledge) -> None:
    person = intake()
    plan = plan_for(person, knowledge)
    review = _review(person, plan, weeks(6, sessions=0), knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-005"]
    simple = review.new_plan
    assert simple is not None
    kept = timed(simple)
    hamstring = next(i for i in simple.items if "daily-hamstring" in knowledge.catalog[i.id].tags)
    assert hamstring.days == list(DAYS)
    assert "aerobic-walking" in kept
    kinds = [knowledge.catalog[item_id].kind for item_id in kept]
    assert kinds.count("strengthen") + kinds.count("mobility") <= SIMPLE_SESSION_ITEMS
    assert simple.minutes_per_day_budget == simplified_budget(30) == 15
    assert max(simple.total_minutes_per_day.values()) <= 15
    dropped = {c.item_id for c in review.changes if c.action == "simplify"}
    assert dropped == set(timed(plan)) - set(kept)


def test_simplifying_again_changes_nothing_more(knowledge: Knowledge) -> None:
    person = intake()
    first = _review(person, plan_for(person, knowledge), weeks(6, sessions=0), knowledge)
    assert first.new_plan is not None
    second = _review(person, first.new_plan, weeks(6, sessions=0), knowledge)
    assert second.new_plan is None
    assert "already as short as it can be" in second.explanation


def test_half_the_sessions_or_more_is_not_simplified(knowledge: Knowledge) -> None:
    person = intake()
    sessions = [1, 1, 1, 1, 0, 0, 0]
    checkins = [
        c.__class__(c.day, c.pain_now, done)
        for c, done in zip(days([6] * 7), sessions, strict=True)
    ]
    review = _review(person, plan_for(person, knowledge), history(checkins), knowledge)
    assert review.rules_fired == ()


def test_sessions_logged_without_a_checkin_count_towards_adherence(knowledge: Knowledge) -> None:
    person = intake()
    logged = tuple(SessionRecord(c.day, "stretch-hamstring-towel", 180, 7) for c in days([6] * 7))
    week = History(checkins=weeks(6, sessions=0).checkins, sessions=logged)
    review = _review(person, plan_for(person, knowledge), week, knowledge)
    assert "AR-005" not in [rule for rule, _ in review.rules_fired]


def test_tiny_budgets_keep_at_least_ten_minutes() -> None:
    assert simplified_budget(5) == 5
    assert simplified_budget(12) == 10
    assert simplified_budget(60) == 30
