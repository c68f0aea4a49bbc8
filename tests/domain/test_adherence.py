"""Adherence against the plan the person chose: exercise sessions against the days the plan
schedules, daily micro-items counted apart, the denominators shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backcare.domain.adherence import (
    DAILY_STRETCH,
    POSTURE,
    Adherence,
    Schedule,
    Tally,
    adherence,
    describe,
    schedule_of,
)
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import DAYS, PlanItem
from backcare.domain.tracking import CheckInRecord, History, SessionRecord
from backcare.domain.vocabulary import Kind
from backcare.knowledge.loader import Knowledge

MON = date(2025, 3, 3)
SUN = MON + timedelta(days=6)


def _plan_schedule(knowledge: Knowledge, days_per_week: int) -> Schedule:
    intake = Intake.model_validate(
        {
            "age": 40,
            "duration_weeks": 20,
            "pain_now": 5,
            "preferences": {"equipment": ["towel", "mat"], "days_per_week": days_per_week},
        }
    )
    return schedule_of(build_plan(intake, knowledge), knowledge.catalog)


@pytest.mark.parametrize("days_per_week", [1, 2, 3, 4, 5, 6, 7])
def test_a_plan_schedules_as_many_sessions_as_the_days_the_person_chose(
    knowledge: Knowledge, days_per_week: int
) -> None:
    schedule = _plan_schedule(knowledge, days_per_week)
    assert len(schedule.session_days) == days_per_week


def test_the_daily_stretch_and_posture_items_are_micro_items(knowledge: Knowledge) -> None:
    schedule = _plan_schedule(knowledge, 3)
    names = [name for name, _ in schedule.micro]
    assert names == [DAILY_STRETCH, POSTURE]
    assert dict(schedule.micro)[DAILY_STRETCH] == {"stretch-hamstring-towel"}


def test_three_of_three_sessions_and_six_of_seven_stretches() -> None:
    schedule = Schedule(
        frozenset({"mon", "wed", "fri"}),
        ((DAILY_STRETCH, frozenset({"stretch-hamstring-towel"})),),
    )
    checkins = tuple(
        CheckInRecord(MON + timedelta(days=n), 4, int(n in (0, 2, 4))) for n in range(7)
    )
    stretches = tuple(
        SessionRecord(MON + timedelta(days=n), "stretch-hamstring-towel", 120, 7) for n in range(6)
    )
    week = adherence(History(checkins=checkins, sessions=stretches), schedule, MON, SUN)
    assert week.sessions == Tally(3, 3)
    assert week.micro == ((DAILY_STRETCH, Tally(6, 7)),)
    assert describe(week) == "3 of 3 exercise sessions and 6 of 7 daily stretches"


def test_a_logged_stretch_is_not_an_exercise_session_but_a_logged_exercise_is() -> None:
    schedule = Schedule(
        frozenset({"mon", "wed", "fri"}), ((DAILY_STRETCH, frozenset({"stretch-a"})),)
    )
    logs = (
        SessionRecord(MON, "stretch-a", 120, 7),
        SessionRecord(MON + timedelta(days=2), "strengthen-b", 300, 7),
        SessionRecord(MON + timedelta(days=2), "strengthen-c", 300, 7),
    )
    week = adherence(History(sessions=logs), schedule, MON, SUN)
    assert week.sessions == Tally(1, 3)


def test_micro_items_are_not_shown_as_none_done_when_nothing_is_logged() -> None:
    schedule = Schedule(frozenset({"mon"}), ((DAILY_STRETCH, frozenset({"stretch-a"})),))
    week = adherence(History(checkins=(CheckInRecord(MON, 4, 1),)), schedule, MON, SUN)
    assert week.micro == ((DAILY_STRETCH, None),)
    assert describe(week) == "1 of 1 exercise sessions"


def test_extra_sessions_are_counted_but_the_share_stops_at_all() -> None:
    week = Adherence(Tally(5, 3))
    assert week.rate == 1.0
    assert describe(week) == "5 exercise sessions, more than the 3 planned"


def test_a_custom_exercise_a_clinician_added_makes_its_day_a_session_day(
    knowledge: Knowledge,
) -> None:
    plan = build_plan(
        Intake.model_validate({"age": 40, "duration_weeks": 20, "pain_now": 5}), knowledge
    )
    quiet = next(
        day for day in DAYS if day not in schedule_of(plan, knowledge.catalog).session_days
    )
    custom = PlanItem(
        id="custom-1",
        kind=Kind.strengthen,
        title="Step-ups",
        summary="Step-ups",
        why="Added by a clinician",
        dose="2 sets of 10",
        minutes=5,
        schedule="on one day",
        days=(quiet,),
        evidence=(),
        steps=("Step up.",),
        cautions=(),
    )
    week = {day: [*ids, *(["custom-1"] if day == quiet else [])] for day, ids in plan.week.items()}
    edited = plan.model_copy(update={"items": [*plan.items, custom], "week": week})
    assert quiet in schedule_of(edited, knowledge.catalog).session_days
