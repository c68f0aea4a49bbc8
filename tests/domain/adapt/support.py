"""Small builders shared by the adaptation tests: an intake, its plan and a history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import Plan
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
