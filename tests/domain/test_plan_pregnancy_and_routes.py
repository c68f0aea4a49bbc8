"""Plans for the turn-3 warning signs: the maternity unit, pelvic girdle pain, pregnancy medicines.

A pregnancy warning sign sends the person to the maternity unit, not a generic emergency
department; pelvic girdle pain without warning signs gets a self-care plan with a physiotherapy
referral through the midwife; and the medicine information fits pregnancy (information only).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from backcare.domain.facts import contraindication_codes
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import Plan
from backcare.domain.vocabulary import Kind, Level, Target
from backcare.knowledge.loader import Knowledge
from tests.strategies import intakes

PREGNANT: dict[str, Any] = {"sex": "female", "pregnant": True, "pregnancy_weeks": 30}


def plan_for(knowledge: Knowledge, **answers: Any) -> Plan:
    data = {"age": 31, "duration_weeks": 4, "pain_now": 5, **answers}
    return build_plan(Intake.model_validate(data), knowledge)


def referral_targets(plan: Plan) -> list[Target | None]:
    return [item.target for item in plan.items if item.kind == Kind.referral]


def everything_said(plan: Plan) -> str:
    texts = [plan.triage.action, plan.triage.headline, *plan.explanation]
    for item in plan.items:
        texts += [item.title, item.summary, item.why, *item.steps, *item.cautions]
    texts += [f"{nr.title} {nr.why}" for nr in plan.not_recommended]
    return " ".join(texts).lower()


def test_a_pregnancy_warning_sign_goes_to_the_maternity_unit_not_the_emergency_department(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, **PREGNANT, pregnancy_warning_signs=["reduced_baby_movements"])
    assert plan.triage.level == Level.emergency
    assert referral_targets(plan) == [Target.maternity_unit]
    assert "maternity unit" in plan.triage.headline.lower()
    assert "maternity unit" in plan.items[0].why.lower()
    assert not {item.kind for item in plan.items} & {Kind.stretch, Kind.strengthen}


def test_a_fever_in_pregnancy_goes_to_the_maternity_unit(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, **PREGNANT, fever=True, urinary_burning_or_frequency=True)
    assert plan.triage.level == Level.emergency
    assert referral_targets(plan) == [Target.maternity_unit]


def test_a_pregnant_person_with_a_cauda_equina_sign_also_phones_the_maternity_unit(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(
        knowledge,
        **PREGNANT,
        numbness=["saddle"],
        pregnancy_warning_signs=["vaginal_bleeding"],
    )
    assert referral_targets(plan) == [Target.emergency_department, Target.maternity_unit]
    assert "emergency department" in plan.triage.action.lower()
    assert "phone your maternity unit too" in plan.triage.action.lower()


def test_without_a_pregnancy_sign_the_emergency_department_is_unchanged(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, **PREGNANT, numbness=["saddle"])
    assert referral_targets(plan) == [Target.emergency_department]
    assert "maternity" not in plan.triage.action.lower()


def test_pelvic_girdle_pain_gets_self_care_with_a_physiotherapy_referral(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, **PREGNANT, pelvic_girdle_pain=True)
    assert plan.triage.level == Level.self_care
    referral = next(item for item in plan.items if item.id == "referral-pelvic-girdle-pain")
    assert referral.target == Target.physiotherapy
    assert "midwife" in " ".join([referral.why, *referral.steps]).lower()


def test_pelvic_girdle_pain_referral_is_only_for_pregnancy(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, sex="female", pelvic_girdle_pain=True)
    assert "referral-pelvic-girdle-pain" not in {item.id for item in plan.items}


def test_pregnant_plan_gives_the_pregnancy_painkiller_lesson_not_the_general_one(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, **PREGNANT)
    planned = {item.id for item in plan.items}
    assert "lesson-painkillers-pregnancy" in planned
    assert "lesson-back-pain-in-pregnancy" in planned
    assert "lesson-painkillers" not in planned
    avoid = {nr.id for nr in plan.not_recommended}
    assert "nr-paracetamol-alone" not in avoid
    assert "nr-anti-inflammatories-pregnancy" in avoid


def test_not_pregnant_keeps_the_general_painkiller_lesson(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, sex="female")
    planned = {item.id for item in plan.items}
    assert "lesson-painkillers" in planned
    assert not planned & {"lesson-painkillers-pregnancy", "lesson-back-pain-in-pregnancy"}
    avoid = {nr.id for nr in plan.not_recommended}
    assert "nr-paracetamol-alone" in avoid
    assert "nr-anti-inflammatories-pregnancy" not in avoid


@settings(max_examples=120, deadline=None)
@given(data=intakes(warnings=False))
def test_no_pregnant_person_is_told_anti_inflammatories_are_the_usual_option(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    data = {**data, "sex": "female", "pregnant": True}
    said = everything_said(build_plan(Intake.model_validate(data), knowledge))
    assert "anti-inflammatory medicines are the option" not in said
    assert "paracetamol on its own for low back pain" not in said


@settings(max_examples=150, deadline=None)
@given(data=intakes())
def test_an_item_meant_only_for_some_people_is_planned_only_for_them(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    intake = Intake.model_validate(data)
    codes = contraindication_codes(intake)
    for item in build_plan(intake, knowledge).items:
        assert set(knowledge.catalog[item.id].only_for) <= codes, item.id
