"""Plan edits as pure functions: the planner's own contraindication test, the safety-plan rule
that no override lifts, and setting clinicians' items aside and back without a trace."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter

from backcare.domain.adapt.replan import person_for
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.engine import build_plan
from backcare.knowledge.loader import Knowledge
from backcare.plan_edits.edits import Author, propose
from backcare.plan_edits.kept import Kept, put_back, set_aside
from backcare.plan_edits.rules import Rule
from backcare.plan_edits.schemas import Operation

TODAY = dt.date(2025, 3, 3)
AUTHOR = Author("physio", "physiotherapist", "Tested")
OPERATIONS: TypeAdapter[list[Operation]] = TypeAdapter(list[Operation])


def edit(plan: Plan, intake: Intake, knowledge: Knowledge, operations: list[dict[str, Any]]) -> Any:
    return propose(
        plan,
        OPERATIONS.validate_python(operations),
        catalog=knowledge.catalog,
        customs={},
        person=person_for(intake, assessed_on=TODAY, today=TODAY),
        author=AUTHOR,
        kept=Kept(),
    )


@pytest.mark.parametrize(
    "answers",
    [
        {"osteoporosis": True},
        {"pregnant": True, "pregnancy_weeks": 30},
        {"conditions": ["reduced_sensation_skin", "anticoagulated"]},
    ],
)
def test_every_item_the_planner_leaves_out_for_safety_is_refused_when_added(
    knowledge: Knowledge, answers: dict[str, Any]
) -> None:
    intake = Intake.model_validate({"age": 50, "duration_weeks": 20, "pain_now": 5, **answers})
    plan = build_plan(intake, knowledge)
    left_out = [row for row in plan.excluded if "not safe" in row["reason"]]
    assert left_out
    for row in left_out:
        proposed = edit(plan, intake, knowledge, [{"op": "add", "item_id": row["id"]}])
        rules = {(refusal.rule, refusal.item_id) for refusal in proposed.refusals}
        assert (Rule.CONTRAINDICATION, row["id"]) in rules, row


def test_an_item_that_fits_is_added_without_refusal(knowledge: Knowledge) -> None:
    intake = Intake.model_validate({"age": 45, "duration_weeks": 20, "pain_now": 5})
    plan = build_plan(intake, knowledge)
    proposed = edit(plan, intake, knowledge, [{"op": "add", "item_id": "strengthen-glute-bridge"}])
    assert proposed.refusals == []
    assert proposed.plan.items[-1].id == "strengthen-glute-bridge"
    assert proposed.plan.items[-1].schedule == "when you need it"


def test_on_a_safety_plan_every_non_safety_item_is_refused_and_never_overridable(
    knowledge: Knowledge,
) -> None:
    intake = Intake.model_validate(
        {
            "age": 45,
            "duration_weeks": 1,
            "pain_now": 7,
            "numbness": ["saddle"],
            "bladder_bowel_change": True,
        }
    )
    plan = build_plan(intake, knowledge)
    present = {item.id for item in plan.items}
    for entry in knowledge.catalog.values():
        if entry.id in present:
            continue
        proposed = edit(plan, intake, knowledge, [{"op": "add", "item_id": entry.id}])
        safety = [r for r in proposed.refusals if r.rule is Rule.SAFETY_PLAN]
        if entry.kind.value in ("referral", "advice"):
            assert safety == [], entry.id
        else:
            assert safety, entry.id
            assert not any(r.overridable for r in safety)


def test_setting_items_aside_and_back_leaves_the_plan_as_it_was(knowledge: Knowledge) -> None:
    intake = Intake.model_validate({"age": 45, "duration_weeks": 20, "pain_now": 5})
    plan = build_plan(intake, knowledge)
    timed = [item for item in plan.items if item.days]
    kept = Kept({item.id: item for item in timed[1:4]}, set())
    without, aside = set_aside(plan, kept)
    assert [item.id for item in aside] == [item.id for item in timed[1:4]]
    assert all(item.id not in without.week[day] for item in aside for day in item.days)
    back = put_back(without, aside, set(), plan)
    assert back.items == plan.items
    assert back.week == plan.week
    assert back.total_minutes_per_day == pytest.approx(plan.total_minutes_per_day)
    assert back.stances == plan.stances


def test_an_item_changed_since_it_was_kept_is_not_set_aside(knowledge: Knowledge) -> None:
    intake = Intake.model_validate({"age": 45, "duration_weeks": 20, "pain_now": 5})
    plan = build_plan(intake, knowledge)
    item = next(i for i in plan.items if i.days)
    kept = Kept({item.id: item.model_copy(update={"dose": "something else"})}, set())
    assert set_aside(plan, kept) == (plan, [])


def test_items_a_clinician_removed_stay_out_after_a_review(knowledge: Knowledge) -> None:
    intake = Intake.model_validate({"age": 45, "duration_weeks": 20, "pain_now": 5})
    plan = build_plan(intake, knowledge)
    gone = next(i for i in plan.items if i.days)
    back = put_back(plan, [], {gone.id}, plan)
    assert gone.id not in {item.id for item in back.items}
    assert all(gone.id not in ids for ids in back.week.values())
