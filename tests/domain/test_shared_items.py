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
from backcare.domain.plan_model import Plan
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


SEQUENCE_FIELDS = ("days", "evidence", "steps", "cautions", "progression", "regression")


def _every_shared_part(plan: Plan) -> list[object]:
    parts: list[object] = [*plan.items, *plan.not_recommended, *plan.triage.red_flags]
    return parts


def test_no_sequence_inside_a_shared_item_or_red_flag_can_be_changed(
    knowledge: Knowledge,
) -> None:
    """Items and red flags are shared between people's plans: a list inside one, appended to
    in one plan, would show in every other plan holding it. Every sequence is a tuple."""
    rng = random.Random(12)
    plans = [build_plan(Intake.model_validate(random_intake(rng)), knowledge) for _ in range(40)]
    urgent = {"age": 45, "duration_weeks": 1, "pain_now": 7, "fever": True, "iv_drug_use": True}
    plans.append(build_plan(Intake.model_validate(urgent), knowledge))
    checked = 0
    for plan in plans:
        for part in _every_shared_part(plan):
            for name, value in part:  # type: ignore[attr-defined]
                assert not isinstance(value, list | dict | set), (type(part).__name__, name)
                checked += 1
    assert checked > 1000
    item = plans[0].items[-1]
    with pytest.raises(AttributeError):
        item.steps.append("changed")  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        item.evidence[0] = "changed"  # type: ignore[index]
    with pytest.raises(ValidationError):
        item.days = ("mon",)  # type: ignore[misc]
    assert all(isinstance(getattr(item, name), tuple) for name in SEQUENCE_FIELDS)
