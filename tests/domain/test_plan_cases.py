"""Written plan cases: each safety rule of the planner, and the shape of each phase's plan."""

from __future__ import annotations

from typing import Any

from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import Plan
from backcare.domain.vocabulary import EXERCISE_KINDS, HANDS_ON_KINDS, Kind
from backcare.knowledge.loader import Knowledge

ALL_KIT = ["mat", "towel", "foam_roller", "massage_ball", "heat_pack", "ice_pack", "pool", "bike"]


def plan_for(knowledge: Knowledge, **answers: Any) -> Plan:
    prefs = answers.pop("preferences", {})
    data = {"age": 40, "duration_weeks": 20, "pain_now": 5, **answers}
    data["preferences"] = {"equipment": ALL_KIT, "partner_available": True, **prefs}
    return build_plan(Intake.model_validate(data), knowledge)


def ids(plan: Plan) -> set[str]:
    return {item.id for item in plan.items}


def kinds(plan: Plan) -> set[Kind]:
    return {item.kind for item in plan.items}


def test_osteoporosis_gets_no_loaded_flexion_deep_spine_pressure_or_manipulation(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, age=66, osteoporosis=True)
    assert plan.triage.level.value == "self_care"
    forbidden = {
        "strengthen-curl-up-partial",
        "stretch-knee-to-chest",
        "massage-thumb-beside-spine",
        "partner-massage-knead-beside-spine",
        "foam-upper-back",
        "referral-spinal-manipulation",
    }
    assert not ids(plan) & forbidden
    assert Kind.strengthen in kinds(plan)
    assert any(e["id"] == "strengthen-curl-up-partial" for e in plan.excluded)


def test_late_pregnancy_gets_no_lying_flat_no_prone_and_no_deep_abdominal_work(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, sex="female", pregnant=True, pregnancy_weeks=28)
    for item in plan.items:
        contra = set(knowledge.catalog[item.id].contraindications)
        assert not contra & {"late_pregnancy", "pregnant"}, item.id
    assert "stretch-hamstring-seated" in ids(plan)
    assert "partner-massage-position-side-lying" in ids(plan)
    assert "partner-massage-position-front" not in ids(plan)


def test_reduced_skin_sensation_gets_no_heat_or_cold_packs(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=0.5, conditions=["reduced_sensation_skin"])
    assert not kinds(plan) & {Kind.heat, Kind.cold}


def test_blood_thinners_rule_out_rolling_and_deep_massage(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, conditions=["anticoagulated"])
    assert Kind.foam_rolling not in kinds(plan)
    assert not ids(plan) & {"massage-ql-ball-wall", "partner-massage-knead-beside-spine"}


def test_acute_plan_keeps_moving_gently_with_heat_and_walking(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=1)
    assert "aerobic-walking" in ids(plan)
    assert Kind.heat in kinds(plan)
    assert Kind.mobility in kinds(plan)
    assert all(item.level == 1 for item in plan.items if item.kind in EXERCISE_KINDS)
    assert Kind.strengthen not in kinds(plan)
    assert "cold-ice-pack" in ids(plan)  # an option in the first days after a strain


def test_subacute_plan_adds_stretching_and_core_activation(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=8)
    assert Kind.stretch in kinds(plan)
    assert "strengthen-abdominal-bracing" in ids(plan)


def test_chronic_plan_is_progressive_exercise_with_aerobic_and_a_daily_hamstring_stretch(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=30)
    strength = [i for i in plan.items if i.kind == Kind.strengthen]
    assert len(strength) >= 3
    assert any(i.progression for i in strength)
    assert any(i.kind == Kind.aerobic for i in plan.items)
    hamstring = [i for i in plan.items if "hamstring" in i.id and i.kind == Kind.stretch]
    assert hamstring[0].schedule == "every day"
    session_days = [d for d, items in plan.week.items() if len(items) > 1]
    assert len(session_days) >= 4


def test_no_equipment_and_no_partner_still_gives_a_full_home_plan(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, preferences={"equipment": [], "partner_available": False})
    assert Kind.partner_massage not in kinds(plan)
    assert Kind.foam_rolling not in kinds(plan)
    assert {Kind.strengthen, Kind.stretch, Kind.aerobic} <= kinds(plan)


def test_five_minutes_a_day_still_fits_and_keeps_the_hamstring_stretch(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 5})
    assert max(plan.total_minutes_per_day.values()) <= 5
    assert any("daily-hamstring" in knowledge.catalog[i.id].tags for i in plan.items)
    assert any("Left out" in line for line in plan.explanation)


def test_emergency_plan_is_the_emergency_department_and_safety_advice(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, bladder_bowel_change=True)
    assert plan.items[0].id == "referral-emergency-department"
    assert not kinds(plan) & (EXERCISE_KINDS | HANDS_ON_KINDS)
    assert {i.kind for i in plan.items} <= {Kind.referral, Kind.advice}


def test_urgent_plan_sends_to_a_doctor_today(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, fever=True)
    assert plan.items[0].id == "referral-gp"
    assert "today" in plan.items[0].why.lower()


def test_soon_plan_is_a_full_plan_with_the_doctor_first(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, age=18)
    assert plan.items[0].id == "referral-gp"
    assert Kind.strengthen in kinds(plan)


def test_inflammatory_pattern_suggests_rheumatology_through_the_gp(knowledge: Knowledge) -> None:
    plan = plan_for(
        knowledge,
        age=28,
        age_at_onset=26,
        wakes_second_half_of_night=True,
        alternating_buttock_pain=True,
        better_with_movement_than_rest=True,
    )
    assert {"referral-gp", "referral-rheumatology"} <= ids(plan)


def test_high_risk_gets_physiotherapy_and_combined_psychological_support(
    knowledge: Knowledge,
) -> None:
    startback = {
        "leg_pain": False,
        "shoulder_neck_pain": False,
        "walked_short_distances": True,
        "dressed_slowly": False,
        "not_safe_to_be_active": True,
        "worrying_thoughts": True,
        "terrible_never_better": True,
        "not_enjoyed_things": True,
        "bothersomeness": "very_much",
    }
    plan = plan_for(knowledge, startback=startback)
    assert plan.classification.risk == "high"
    assert {"referral-physiotherapy", "referral-combined-programme", "referral-psychology"} <= ids(
        plan
    )


def test_medium_risk_gets_physiotherapy(knowledge: Knowledge) -> None:
    startback = {
        "leg_pain": True,
        "shoulder_neck_pain": True,
        "walked_short_distances": True,
        "dressed_slowly": True,
        "not_safe_to_be_active": False,
        "worrying_thoughts": False,
        "terrible_never_better": False,
        "not_enjoyed_things": False,
        "bothersomeness": "moderately",
    }
    plan = plan_for(knowledge, duration_weeks=3, startback=startback)
    assert plan.classification.risk == "medium"
    assert "referral-physiotherapy" in ids(plan)
    assert "referral-combined-programme" not in ids(plan)


def test_not_recommended_follows_the_person(knowledge: Knowledge) -> None:
    sciatica = plan_for(knowledge, duration_weeks=3, leg_pain="one_leg", leg_pain_below_knee=True)
    acute = plan_for(knowledge, duration_weeks=2)
    chronic = plan_for(knowledge, duration_weeks=30)
    nr = {
        p: {n.id for n in plan.not_recommended}
        for p, plan in (("sciatica", sciatica), ("acute", acute), ("chronic", chronic))
    }
    assert any("gabapentinoid" in i for i in nr["sciatica"])
    assert not any("gabapentinoid" in i for i in nr["acute"])
    assert any("opioid" in i for i in nr["chronic"])
    for plan in (sciatica, acute, chronic):
        titles = " ".join(n.title.lower() for n in plan.not_recommended)
        for words in ("bed rest", "traction", "tens", "scans", "paracetamol", "belts"):
            assert words in titles, words


def test_guideline_disagreement_is_shown_for_acupuncture(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=30)
    assert plan.stances["referral-acupuncture"] == {
        "NICE-NG59": "do_not_offer",
        "ACP-2017": "recommend",
        "WHO-2023": "may_offer",
    }


def test_every_plan_says_backcare_does_not_diagnose_or_prescribe(knowledge: Knowledge) -> None:
    for answers in ({}, {"fever": True}, {"numbness": ["saddle"]}):
        plan = plan_for(knowledge, **answers)
        assert "does not diagnose" in plan.disclaimer
        assert "prescribe" in plan.disclaimer
