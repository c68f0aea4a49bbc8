"""Properties every plan must have, over many generated intakes."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings

from backcare.domain.facts import contraindication_codes
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import DAYS, Plan
from backcare.domain.triage import triage
from backcare.domain.vocabulary import EXERCISE_KINDS, HANDS_ON_KINDS, Kind, Level
from backcare.knowledge.loader import Knowledge, load_knowledge
from tests.strategies import intakes

PLAN_SETTINGS = settings(max_examples=250, deadline=None)


def _plan(knowledge: Knowledge, data: dict[str, Any]) -> tuple[Intake, Plan]:
    intake = Intake.model_validate(data)
    return intake, build_plan(intake, knowledge)


@PLAN_SETTINGS
@given(data=intakes())
def test_emergency_and_urgent_plans_hold_no_exercise_or_massage(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    _, plan = _plan(knowledge, data)
    if plan.triage.level in (Level.emergency, Level.urgent):
        kinds = {item.kind for item in plan.items}
        assert not kinds & (EXERCISE_KINDS | HANDS_ON_KINDS)
        assert plan.items[0].kind == Kind.referral
        assert not any(plan.week.values())


@PLAN_SETTINGS
@given(data=intakes())
def test_no_contraindicated_item_is_ever_planned(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    intake, plan = _plan(knowledge, data)
    codes = contraindication_codes(intake)
    for item in plan.items:
        blocked = set(knowledge.catalog[item.id].ruled_out_by) & codes
        assert not blocked, f"{item.id} planned despite {blocked}"


@PLAN_SETTINGS
@given(data=intakes(warnings=False))
def test_plans_fit_the_time_budget_and_the_totals_add_up(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    intake, plan = _plan(knowledge, data)
    minutes = {item.id: item.minutes for item in plan.items}
    for day in DAYS:
        total = sum(minutes[item_id] for item_id in plan.week[day])
        assert abs(total - plan.total_minutes_per_day[day]) < 0.01
        assert total <= intake.preferences.minutes_per_day + 1e-9


@PLAN_SETTINGS
@given(data=intakes(warnings=False))
def test_every_item_fits_equipment_partner_and_activities(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    intake, plan = _plan(knowledge, data)
    prefs = intake.preferences
    for item in plan.items:
        entry = knowledge.catalog[item.id]
        if entry.kind == Kind.referral:
            continue
        assert set(entry.equipment) <= set(prefs.equipment), item.id
        assert prefs.partner_available or not entry.needs_partner, item.id
        if entry.activity is not None and entry.activity.value != "walking":
            assert entry.activity in prefs.activities, item.id


@PLAN_SETTINGS
@given(data=intakes())
def test_massage_is_only_planned_beside_exercise(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    _, plan = _plan(knowledge, data)
    kinds = {item.kind for item in plan.items}
    if kinds & HANDS_ON_KINDS:
        assert kinds & EXERCISE_KINDS


@PLAN_SETTINGS
@given(data=intakes())
def test_the_plan_keeps_every_red_flag(knowledge: Knowledge, data: dict[str, Any]) -> None:
    intake, plan = _plan(knowledge, data)
    assert plan.triage == triage(intake, knowledge)


@PLAN_SETTINGS
@given(data=intakes(warnings=False))
def test_self_care_plans_hold_a_daily_hamstring_stretch_and_education(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    _, plan = _plan(knowledge, data)
    if plan.triage.level not in (Level.soon, Level.self_care):
        return
    daily = [i for i in plan.items if "daily-hamstring" in knowledge.catalog[i.id].tags]
    assert daily
    assert daily[0].days == DAYS
    assert any(item.kind == Kind.education for item in plan.items)
    assert any("stay-active" in knowledge.catalog[i.id].tags for i in plan.items)


@settings(max_examples=60, deadline=None)
@given(data=intakes())
def test_same_input_gives_the_same_plan_even_with_a_fresh_knowledge_load(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    _, first = _plan(knowledge, data)
    _, second = _plan(_FRESH, data)
    assert first.model_dump_json() == second.model_dump_json()


@PLAN_SETTINGS
@given(data=intakes())
def test_every_item_explains_itself_with_known_sources(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    _, plan = _plan(knowledge, data)
    for item in plan.items:
        assert item.why
        assert item.steps
        assert item.evidence
        assert set(item.evidence) <= set(knowledge.references)
    for avoid in plan.not_recommended:
        assert avoid.why
        assert set(avoid.evidence) <= set(knowledge.references)


_FRESH = load_knowledge()


# Positions each mobility answer puts out of reach, stated here independently of the
# vocabulary table the planner uses, so the property checks the table as well as the planner.
OUT_OF_REACH = {
    "wheelchair_user": {"standing", "walking", "lying", "floor", "kneeling"},
    "cannot_get_to_floor": {"floor", "kneeling"},
}
KNEES = ("knee_replacement", "knee_problem")
RULE_ID = re.compile(r"\b(?:PR|RF|AR)-\d{3}\b")


@PLAN_SETTINGS
@given(data=intakes(warnings=False))
def test_nothing_out_of_reach_or_balance_demanding_is_planned_for_the_mobility_given(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    intake, plan = _plan(knowledge, data)
    mobility = intake.mobility
    answers = {name for name, given in mobility.model_dump().items() if given}
    answers |= {code for code in KNEES if code in intake.conditions}
    for item in plan.items:
        entry = knowledge.catalog[item.id]
        for answer in answers & set(OUT_OF_REACH):
            assert entry.position.value not in OUT_OF_REACH[answer], (item.id, answer)
        if answers & set(KNEES):
            assert entry.position.value != "kneeling", item.id
        if mobility.balance_problems:
            assert not entry.balance, item.id


@PLAN_SETTINGS
@given(data=intakes())
def test_spinal_manipulation_is_never_offered_past_a_bone_bleeding_nerve_or_inflammatory_risk(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    intake, plan = _plan(knowledge, data)
    offered = "referral-spinal-manipulation" in {item.id for item in plan.items}
    inflammatory = {"inflammatory_pattern_ng65", "inflammatory_pattern_berlin"}
    risks = {
        "osteoporosis": intake.osteoporosis,
        "steroids": intake.long_term_steroids,
        "over 70": intake.age > 70,
        "blood thinner": "anticoagulated" in intake.conditions,
        "bleeding disorder": "bleeding_disorder" in intake.conditions,
        "weakness": intake.leg_weakness != "none",
        "numbness": bool(intake.numbness),
        "bladder or sex change": intake.bladder_bowel_change or intake.sexual_function_change,
        "inflammatory": bool({f.code for f in plan.triage.red_flags} & inflammatory),
    }
    assert not (offered and any(risks.values())), [name for name, on in risks.items() if on]


@PLAN_SETTINGS
@given(data=intakes())
def test_rule_ids_never_appear_in_a_persons_text_and_referrals_carry_them_apart(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    _, plan = _plan(knowledge, data)
    for item in plan.items:
        text = [item.title, item.summary, item.why, item.dose, item.schedule, item.feel or ""]
        for line in [*text, *item.steps, *item.cautions]:
            assert not RULE_ID.search(line), (item.id, line)
        if item.rule is not None:
            assert re.fullmatch(r"PR-\d{3}", item.rule), item.id
            assert item.rationale, item.id
    for line in [*plan.explanation, *(nr.why for nr in plan.not_recommended)]:
        assert not RULE_ID.search(line), line
    referrals = [i for i in plan.items if i.kind == Kind.referral]
    if plan.triage.level in (Level.soon, Level.self_care):
        assert all(item.rule for item in referrals)
