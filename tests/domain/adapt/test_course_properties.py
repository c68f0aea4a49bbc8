"""Properties of the whole-course review, over generated people and multi-week histories:
improvement never steps the plan down, worsening never steps it up, a warning answer never
lowers the triage level, and the same history always gives the same review."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from backcare.domain.adapt import Review, checkin_review, weekly_review
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.progress import ImportantChange
from backcare.domain.tracking import CheckInRecord, History
from backcare.domain.triage import triage
from backcare.knowledge.loader import Knowledge, load_knowledge
from backcare.tracking.vocabulary import WarningSymptom
from tests.domain.adapt.support import TODAY
from tests.strategies import intakes

COURSE_SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)
DAYS_OF_HISTORY = 42


@st.composite
def monotone_courses(draw: st.DrawFn, *, direction: int) -> tuple[int, History]:
    """The intake's pain and six weeks of daily check-ins ending today, in which pain never
    moves against ``direction`` (-1: never rises; +1: never falls) from the intake's score.
    Some days are missing; sessions follow a habit of keeping up."""
    start = draw(st.integers(0, 10))
    keeps_up = draw(st.sampled_from([0, 3, 6, 10]))
    pain, checkins = start, []
    for n in range(DAYS_OF_HISTORY):
        if draw(st.integers(0, 7)) == 0:
            pain = min(max(pain + direction, 0), 10)
        if draw(st.integers(0, 9)) == 0:
            continue
        day = TODAY - timedelta(days=DAYS_OF_HISTORY - 1 - n)
        checkins.append(CheckInRecord(day, pain, int(draw(st.integers(0, 9)) < keeps_up)))
    return start, History(checkins=tuple(checkins))


def _starting_at(data: dict[str, Any], pain: int) -> Intake:
    """The generated intake with the course's starting pain (and no worst-week score below it)."""
    return Intake.model_validate(data | {"pain_now": pain, "pain_worst_week": None})


def _week_by_week(knowledge: Knowledge, intake: Intake, history: History) -> list[Review]:
    """Six weekly reviews, each on the plan the one before left."""
    plan = build_plan(intake, knowledge)
    out = []
    for back in range(5, -1, -1):
        review = weekly_review(
            intake=intake,
            plan=plan,
            history=history,
            knowledge=knowledge,
            today=TODAY - timedelta(weeks=back),
        )
        for rule, _ in review.rules_fired:
            event(rule)
        out.append(review)
        plan = review.new_plan or plan
    return out


@COURSE_SETTINGS
@given(data=intakes(warnings=False), course=monotone_courses(direction=-1))
def test_improvement_never_steps_the_plan_down(
    knowledge: Knowledge, data: dict[str, Any], course: tuple[int, History]
) -> None:
    # Pain that never rises is never met with easier exercises; once it is importantly better
    # than at the start, the plan is not shortened either, however many sessions were missed.
    start, history = course
    for review in _week_by_week(knowledge, _starting_at(data, start), history):
        rules = {rule for rule, _ in review.rules_fired}
        actions = {change.action for change in review.changes}
        assert not rules & {"AR-003", "AR-009"}, review.explanation
        assert "regress" not in actions
        if review.figures and review.figures["better_than"]:
            event("importantly better than the start")
            assert "AR-005" not in rules
            assert "simplify" not in actions


@COURSE_SETTINGS
@given(data=intakes(warnings=False), course=monotone_courses(direction=1))
def test_worsening_never_steps_the_plan_up(
    knowledge: Knowledge, data: dict[str, Any], course: tuple[int, History]
) -> None:
    start, history = course
    rule = ImportantChange.of(knowledge.thresholds)
    for review in _week_by_week(knowledge, _starting_at(data, start), history):
        figures = review.figures or {}
        week = figures.get("pain_this_week")
        if not isinstance(week, float) or not rule.worsened(start, week):
            continue
        event("importantly worse than the start")
        assert "AR-004" not in {rule_id for rule_id, _ in review.rules_fired}
        assert "progress" not in {change.action for change in review.changes}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    data=intakes(),
    codes=st.sets(st.sampled_from([code.value for code in WarningSymptom]), min_size=1),
)
def test_a_warning_answer_never_lowers_the_level(
    knowledge: Knowledge, data: dict[str, Any], codes: set[str]
) -> None:
    intake = Intake.model_validate(data)
    plan = build_plan(intake, knowledge)
    review = checkin_review(
        intake=intake,
        plan=plan,
        checkin=CheckInRecord(TODAY, 5, warnings=frozenset(codes)),
        knowledge=knowledge,
        today=TODAY,
    )
    assert review.updated_intake is not None
    before = plan.triage.level.rank
    assert triage(review.updated_intake, knowledge).level.rank >= before
    assert (review.new_plan or plan).triage.level.rank >= before


@settings(max_examples=30, deadline=None, derandomize=True)
@given(data=intakes(warnings=False), course=monotone_courses(direction=1))
def test_the_same_history_gives_the_same_review(
    knowledge: Knowledge, data: dict[str, Any], course: tuple[int, History]
) -> None:
    # A fresh load of the knowledge and the check-ins in another order change nothing.
    start, history = course
    intake = _starting_at(data, start)
    plan = build_plan(intake, knowledge)
    shuffled = History(checkins=tuple(reversed(history.checkins)))
    first, again = (
        weekly_review(intake=intake, plan=plan, history=h, knowledge=k, today=TODAY)
        for h, k in ((history, knowledge), (shuffled, load_knowledge()))
    )
    assert first == again
