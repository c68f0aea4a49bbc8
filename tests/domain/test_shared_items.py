"""Plan items are shared between plans (items.py): sharing must never leak between people."""

from __future__ import annotations

import json
import random

import pytest
from bench.plan_bench import random_intake
from pydantic import ValidationError

from backcare.domain.intake import Intake
from backcare.domain.plan import items
from backcare.domain.plan.builder import build_plan
from backcare.knowledge.loader import Knowledge


def _json(plan: object) -> str:
    return json.dumps(plan.model_dump(mode="json"), sort_keys=True)  # type: ignore[attr-defined]


def test_building_other_plans_never_changes_a_plan_already_made(knowledge: Knowledge) -> None:
    rng = random.Random(5)
    first = build_plan(Intake.model_validate(random_intake(rng)), knowledge)
    before = _json(first)
    for _ in range(300):
        build_plan(Intake.model_validate(random_intake(rng)), knowledge)
    assert _json(first) == before


def test_a_plan_made_with_shared_items_equals_one_made_from_scratch(
    knowledge: Knowledge,
) -> None:
    rng = random.Random(9)
    intakes = [Intake.model_validate(random_intake(rng)) for _ in range(60)]
    warm = [_json(build_plan(intake, knowledge)) for intake in intakes]
    for intake, made_warm in zip(intakes, warm, strict=True):
        items._ITEMS.clear()
        assert _json(build_plan(intake, knowledge)) == made_warm


def test_items_differing_in_time_or_days_are_different_items(knowledge: Knowledge) -> None:
    base = {"age": 40, "duration_weeks": 20, "pain_now": 4}
    short = build_plan(
        Intake.model_validate({**base, "preferences": {"minutes_per_day": 10}}), knowledge
    )
    long = build_plan(
        Intake.model_validate({**base, "preferences": {"minutes_per_day": 60}}), knowledge
    )
    short_ids = {i.id: i for i in short.items}
    assert any(
        item.id in short_ids and short_ids[item.id] is not item and short_ids[item.id] != item
        for item in long.items
    )


def test_shared_items_cannot_be_changed(knowledge: Knowledge) -> None:
    plan = build_plan(
        Intake.model_validate({"age": 40, "duration_weeks": 20, "pain_now": 3}), knowledge
    )
    with pytest.raises(ValidationError):
        plan.items[0].why = "changed"  # type: ignore[misc]
