"""Session scripts: holds with rests, repetitions, and minutes split per side."""

from __future__ import annotations

from backcare.domain.plan_model import Plan
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.schema import Dose
from backcare.web.session_script import (
    RELAX_BETWEEN_HOLDS,
    SECONDS_PER_REP,
    segments_for,
    todays_items,
)
from tests.web.conftest import TODAY


def item_of(plan: Plan, item_id: str):  # type: ignore[no-untyped-def]
    return next(item for item in plan.items if item.id == item_id)


def test_holds_alternate_with_rests_on_each_side(plan: Plan) -> None:
    item = plan.items[0]
    dose = Dose(reps=3, hold_seconds=30, per_side=True, minutes=3)
    segments = segments_for(item, dose)
    holds = [s for s in segments if not s.rest]
    assert len(holds) == 6
    assert {s.seconds for s in holds} == {30}
    assert sum("left side" in s.label for s in holds) == 3
    assert not segments[-1].rest
    assert {s.seconds for s in segments if s.rest} == {RELAX_BETWEEN_HOLDS}


def test_sets_of_repetitions_rest_between_sets(plan: Plan) -> None:
    dose = Dose(sets=3, reps=10, rest_seconds=45, minutes=5)
    segments = segments_for(plan.items[0], dose)
    assert [s.seconds for s in segments] == [10 * SECONDS_PER_REP, 45] * 2 + [10 * SECONDS_PER_REP]


def test_minutes_per_side_are_split(plan: Plan) -> None:
    item = item_of(plan, "aerobic-walking")
    whole = segments_for(item, Dose(minutes=10))
    assert [s.seconds for s in whole] == [item.minutes * 60]
    halves = segments_for(item, Dose(minutes=10, per_side=True))
    assert [s.seconds for s in halves] == [item.minutes * 30] * 2


def test_todays_items_follow_the_week(plan: Plan, knowledge: Knowledge) -> None:
    items = todays_items(plan, knowledge.catalog, TODAY)
    assert [s.item.id for s in items] == plan.week["wed"]
    assert all(s.seconds > 0 for s in items)
