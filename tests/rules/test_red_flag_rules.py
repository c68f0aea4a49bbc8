"""Each red-flag rule, case by case: what makes it fire, and the near miss that must not."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.intake import Intake
from backcare.domain.triage import triage
from backcare.knowledge.loader import Knowledge

BASE: dict[str, Any] = {"age": 40, "duration_weeks": 3, "pain_now": 5}


def case(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


STABLE = {"warning_symptoms_onset": "stable_over_2_weeks"}
CHRONIC = {"duration_weeks": 30}

# rule code -> (intakes that must fire it, near misses that must not)
CASES: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {
    "ces_saddle_numbness": ([case(numbness=["saddle"])], [case(numbness=["saddle"], **STABLE)]),
    "ces_bladder_bowel": (
        [case(bladder_bowel_change=True)],
        [case(bladder_bowel_change=True, **STABLE), case()],
    ),
    "ces_sexual_function": (
        [case(sexual_function_change=True)],
        [case(sexual_function_change=True, **STABLE)],
    ),
    "ces_both_legs": (
        [
            case(leg_pain="both_legs", duration_weeks=1),
            case(leg_pain="both_legs", leg_symptoms_worsening=True, **CHRONIC),
            case(numbness=["both_legs"], duration_weeks=0.5),
        ],
        [case(leg_pain="both_legs", **CHRONIC), case(leg_pain="one_leg", duration_weeks=1)],
    ),
    "progressive_weakness": ([case(leg_weakness="worsening")], [case(leg_weakness="stable")]),
    "cancer_with_neuro_symptoms": (
        [
            case(cancer_history=True, leg_weakness="stable"),
            case(cancer_history=True, numbness=["foot"]),
        ],
        [case(cancer_history=True), case(numbness=["foot"])],
    ),
    "infection_systemically_unwell": (
        [case(fever=True, feels_unwell=True)],
        [case(fever=True), case(feels_unwell=True)],
    ),
    "infection_with_risk_factor": (
        [
            case(fever=True, iv_drug_use=True),
            case(fever=True, immunosuppressed=True),
            case(fever=True, recent_infection_or_spinal_procedure=True),
            case(fever=True, conditions=["diabetes"]),
        ],
        [case(iv_drug_use=True), case(fever=True), case(conditions=["diabetes"])],
    ),
    "infection_with_neuro_deficit": (
        [case(fever=True, leg_weakness="stable"), case(fever=True, numbness=["leg"])],
        [case(fever=True), case(numbness=["leg"])],
    ),
    "major_trauma": ([case(trauma="major")], [case(trauma="minor")]),
    "aneurysm_known_with_back_pain": (
        [
            case(conditions=["aortic_aneurysm"]),
            case(conditions=["aortic_aneurysm"], **CHRONIC),
        ],
        [case(conditions=["blood_clot_history"]), case(age=70, abdominal_or_groin_pain=True)],
    ),
    "aneurysm_pattern": (
        [
            case(age=66, sudden_severe_onset=True, abdominal_or_groin_pain=True),
            case(age=58, sudden_severe_onset=True, feels_unwell=True),
        ],
        [
            case(age=45, sudden_severe_onset=True, abdominal_or_groin_pain=True),
            case(age=66, abdominal_or_groin_pain=True),
        ],
    ),
    "fracture_with_deficit_or_cannot_walk": (
        [
            case(osteoporosis=True, trauma="minor", unable_to_walk_or_bear_weight=True),
            case(long_term_steroids=True, leg_weakness="stable"),
        ],
        [case(osteoporosis=True, trauma="minor")],
    ),
    "cannot_bear_weight_after_injury": (
        [case(trauma="minor", unable_to_walk_or_bear_weight=True)],
        [case(unable_to_walk_or_bear_weight=True), case(trauma="minor")],
    ),
    "ces_long_standing": (
        [case(bladder_bowel_change=True, **STABLE), case(numbness=["saddle"], **STABLE)],
        [case(bladder_bowel_change=True)],
    ),
    "cancer_history_new_pain": (
        [case(cancer_history=True), case(cancer_history=True, **CHRONIC)],
        [case(unexplained_weight_loss=True)],
    ),
    "cancer_history_worrying_chronic_pain": (
        [
            case(cancer_history=True, constant_night_pain=True, **CHRONIC),
            case(cancer_history=True, thoracic_pain=True, **CHRONIC),
        ],
        [case(cancer_history=True, **CHRONIC)],
    ),
    "possible_malignancy": (
        [
            case(age=62, unexplained_weight_loss=True),
            case(unexplained_weight_loss=True, constant_night_pain=True),
        ],
        [case(unexplained_weight_loss=True), case(age=62, constant_night_pain=True)],
    ),
    "fragility_fracture": (
        [
            case(osteoporosis=True, trauma="minor", **CHRONIC),
            case(long_term_steroids=True),
            case(age=75, trauma="minor"),
            case(age=72, sudden_severe_onset=True),
            case(osteoporosis=True),
        ],
        [case(age=75), case(osteoporosis=True, **CHRONIC), case(trauma="minor")],
    ),
    "fever_with_back_pain": ([case(fever=True)], [case()]),
    "kidney_infection_mimic": (
        [case(fever=True, urinary_burning_or_frequency=True)],
        [case(urinary_burning_or_frequency=True)],
    ),
    "infection_risk_new_pain": (
        [case(iv_drug_use=True), case(recent_infection_or_spinal_procedure=True)],
        [case(iv_drug_use=True, **CHRONIC)],
    ),
    "immunosuppressed_severe_constant_pain": (
        [
            case(immunosuppressed=True, pain_now=8, **CHRONIC),
            case(immunosuppressed=True, constant_night_pain=True, **CHRONIC),
        ],
        [case(immunosuppressed=True, pain_now=4, **CHRONIC)],
    ),
    "sudden_severe_onset_over_50": (
        [case(age=55, sudden_severe_onset=True)],
        [case(age=45, sudden_severe_onset=True)],
    ),
    "inflammatory_pattern_ng65": (
        [
            case(
                age=30,
                age_at_onset=28,
                duration_weeks=20,
                wakes_second_half_of_night=True,
                alternating_buttock_pain=True,
                better_with_movement_than_rest=True,
            )
        ],
        [
            case(
                age=30,
                age_at_onset=28,
                duration_weeks=8,
                wakes_second_half_of_night=True,
                alternating_buttock_pain=True,
                better_with_movement_than_rest=True,
            ),
            case(
                age=50,
                age_at_onset=48,
                duration_weeks=20,
                wakes_second_half_of_night=True,
                alternating_buttock_pain=True,
                better_with_movement_than_rest=True,
            ),
        ],
    ),
    "inflammatory_pattern_berlin": (
        [
            case(
                age=35, morning_stiffness_minutes=45, better_with_movement_than_rest=True, **CHRONIC
            )
        ],
        [
            case(age=35, morning_stiffness_minutes=45, better_with_movement_than_rest=True),
            case(
                age=55, morning_stiffness_minutes=45, better_with_movement_than_rest=True, **CHRONIC
            ),
        ],
    ),
    "stable_weakness": ([case(leg_weakness="stable")], [case(leg_weakness="none")]),
    "persistent_or_severe_sciatica": (
        [
            case(leg_pain="one_leg", leg_pain_below_knee=True, duration_weeks=5),
            case(leg_pain="one_leg", leg_pain_below_knee=True, duration_weeks=1, pain_now=9),
        ],
        [
            case(leg_pain="one_leg", leg_pain_below_knee=True, duration_weeks=2),
            case(leg_pain="one_leg", duration_weeks=10),
        ],
    ),
    "age_under_20": ([case(age=17)], [case(age=20)]),
    "treatment_not_helped": (
        [case(treatment_not_helped=True, duration_weeks=8)],
        [case(treatment_not_helped=True), case(**CHRONIC)],
    ),
    "not_improving_after_six_weeks": (
        [case(duration_weeks=8, off_work_because_of_pain=True)],
        [
            case(duration_weeks=3, off_work_because_of_pain=True),
            case(duration_weeks=20, pain_now=9),
        ],
    ),
    "ces_both_legs_numbness": (
        [case(numbness=["both_legs"], **CHRONIC)],
        [case(numbness=["both_legs"], **CHRONIC, **STABLE), case(numbness=["leg"])],
    ),
    "unwell_without_fever": ([case(feels_unwell=True)], [case()]),
    "sudden_severe_with_abdominal_pain": (
        [case(age=35, sudden_severe_onset=True, abdominal_or_groin_pain=True)],
        [case(age=35, sudden_severe_onset=True), case(age=35, abdominal_or_groin_pain=True)],
    ),
    "startback_high_risk": (
        [
            case(
                startback={
                    "leg_pain": False,
                    "shoulder_neck_pain": False,
                    "walked_short_distances": False,
                    "dressed_slowly": False,
                    "not_safe_to_be_active": True,
                    "worrying_thoughts": True,
                    "terrible_never_better": True,
                    "not_enjoyed_things": False,
                    "bothersomeness": "extremely",
                }
            )
        ],
        [
            case(
                startback={
                    "leg_pain": True,
                    "shoulder_neck_pain": True,
                    "walked_short_distances": True,
                    "dressed_slowly": True,
                    "not_safe_to_be_active": True,
                    "worrying_thoughts": True,
                    "terrible_never_better": True,
                    "not_enjoyed_things": False,
                    "bothersomeness": "moderately",
                }
            )
        ],
    ),
    "startback_medium_risk_persisting": (
        [
            case(
                duration_weeks=8,
                startback={
                    "leg_pain": True,
                    "shoulder_neck_pain": True,
                    "walked_short_distances": True,
                    "dressed_slowly": True,
                    "not_safe_to_be_active": False,
                    "worrying_thoughts": False,
                    "terrible_never_better": False,
                    "not_enjoyed_things": False,
                    "bothersomeness": "slightly",
                },
            )
        ],
        [
            case(
                duration_weeks=2,
                startback={
                    "leg_pain": True,
                    "shoulder_neck_pain": True,
                    "walked_short_distances": True,
                    "dressed_slowly": True,
                    "not_safe_to_be_active": False,
                    "worrying_thoughts": False,
                    "terrible_never_better": False,
                    "not_enjoyed_things": False,
                    "bothersomeness": "slightly",
                },
            )
        ],
    ),
    "both_legs_long_standing": (
        [case(leg_pain="both_legs", **CHRONIC)],
        [case(leg_pain="one_leg", **CHRONIC)],
    ),
    "unexplained_weight_loss": ([case(unexplained_weight_loss=True)], [case()]),
    "constant_night_pain": (
        [case(constant_night_pain=True)],
        [case(wakes_second_half_of_night=True)],
    ),
    "urinary_symptoms": ([case(urinary_burning_or_frequency=True)], [case()]),
    "age_over_50": ([case(age=55)], [case(age=50)]),
    "age_over_70": ([case(age=71)], [case(age=70)]),
    "night_pain_positional": (
        [case(wakes_second_half_of_night=True)],
        [case(wakes_second_half_of_night=True, constant_night_pain=True)],
    ),
    "thoracic_pain": ([case(thoracic_pain=True)], [case()]),
    "leg_pain_above_knee": (
        [case(leg_pain="one_leg")],
        [case(leg_pain="one_leg", leg_pain_below_knee=True)],
    ),
    "steroid_or_osteoporosis_background": (
        [case(osteoporosis=True, **CHRONIC), case(long_term_steroids=True, **CHRONIC)],
        [case()],
    ),
}


def _codes(knowledge: Knowledge, data: dict[str, Any]) -> set[str]:
    return {flag.code for flag in triage(Intake.model_validate(data), knowledge).red_flags}


def test_every_rule_has_cases(knowledge: Knowledge) -> None:
    assert {rule.rule.code for rule in knowledge.rules} == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_its_cases(knowledge: Knowledge, code: str) -> None:
    for data in CASES[code][0]:
        assert code in _codes(knowledge, data), data


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_does_not_fire_on_its_near_misses(knowledge: Knowledge, code: str) -> None:
    for data in CASES[code][1]:
        assert code not in _codes(knowledge, data), data
