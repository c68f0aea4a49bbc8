"""Small builders shared by the adaptation tests: an intake, its plan and a history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from backcare.domain.adapt import Review, weekly_review
from backcare.domain.adherence import schedule_of
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import DAYS, Plan
from backcare.domain.tracking import CheckInRecord, History
from backcare.knowledge.loader import Knowledge

TODAY = date(2025, 3, 14)
"""A fixed Friday: every test passes the date in, so none depends on the clock."""


def intake(**answers: Any) -> Intake:
    """A chronic, self-care intake with a towel and a mat, changed by ``answers``."""
    data: dict[str, Any] = {
        "age": 40,
        "duration_weeks": 20,
        "pain_now": 6,
        "preferences": {"equipment": ["towel", "mat"], "minutes_per_day": 30, "days_per_week": 5},
    }
    return Intake.model_validate(data | answers)


def plan_for(person: Intake, knowledge: Knowledge) -> Plan:
    return build_plan(person, knowledge)


def days(
    pains: Sequence[int], *, sessions: int = 1, end: date = TODAY, **extra: Any
) -> tuple[CheckInRecord, ...]:
    """One check-in a day, the last one on ``end``."""
    first = end - timedelta(days=len(pains) - 1)
    return tuple(
        CheckInRecord(first + timedelta(days=n), pain, sessions, 20 * sessions, **extra)
        for n, pain in enumerate(pains)
    )


def history(*checkins: Sequence[CheckInRecord], **more: Any) -> History:
    return History(checkins=tuple(c for group in checkins for c in group), **more)


def weeks(*pain_per_week: int, sessions: int = 1) -> History:
    """Seven daily check-ins per week at one pain score each, the last week ending today."""
    pains = [pain for pain in pain_per_week for _ in range(7)]
    return history(days(pains, sessions=sessions))


def timed(plan: Plan) -> list[str]:
    return [item.id for item in plan.items if item.days]


def week_of(mean: float) -> list[int]:
    """Seven whole-number daily scores whose mean is ``mean`` to the nearest seventh."""
    base, extra = divmod(round(mean * 7), 7)
    return [base + 1] * extra + [base] * (7 - extra)


def course(
    plan: Plan,
    knowledge: Knowledge,
    weekly: Sequence[float],
    *,
    end: date = TODAY,
    share_done: float = 1.0,
    flare_days: Sequence[int] = (),
    skip_days: Sequence[int] = (),
) -> History:
    """Daily check-ins ending ``end``, one week per mean in ``weekly``; exercise sessions done
    on the days the plan's timetable holds one (all of them by default, fewer with
    ``share_done``), flare-ups on ``flare_days`` and no check-in on ``skip_days`` (day 0 is
    the first)."""
    session_days = schedule_of(plan, knowledge.catalog).session_days
    pains = [pain for mean in weekly for pain in week_of(mean)]
    first = end - timedelta(days=len(pains) - 1)
    planned_so_far = 0
    checkins = []
    for n, pain in enumerate(pains):
        day = first + timedelta(days=n)
        planned = DAYS[day.weekday()] in session_days
        planned_so_far += planned
        # Done on a planned day while the running share done stays at or under share_done.
        done = planned and sum(c.sessions_done for c in checkins) + 1 <= share_done * planned_so_far
        if n not in skip_days:
            checkins.append(CheckInRecord(day, pain, int(done), flare_up=n in flare_days))
    return History(checkins=tuple(checkins))


def person_and_plan(knowledge: Knowledge, **answers: Any) -> tuple[Intake, Plan]:
    """An intake (see ``intake``) and the plan built from it."""
    person = intake(**answers)
    return person, plan_for(person, knowledge)


def rules_of(review: Review) -> list[str]:
    return [rule for rule, _ in review.rules_fired]


def reviews_week_by_week(
    person: Intake, plan: Plan, history: History, knowledge: Knowledge, weeks_count: int
) -> list[Review]:
    """The weekly review at the end of each of the last ``weeks_count`` weeks, each on the
    plan the one before left (as the service does)."""
    out = []
    for back in range(weeks_count - 1, -1, -1):
        review = weekly_review(
            intake=person,
            plan=plan,
            history=history,
            knowledge=knowledge,
            today=TODAY - timedelta(weeks=back),
        )
        out.append(review)
        plan = review.new_plan or plan
    return out
