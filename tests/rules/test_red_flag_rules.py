"""Each red-flag rule, case by case: what makes it fire, and the near miss that must not."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.intake import Intake
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge

BASE: dict[str, Any] = {"age": 40, "duration_weeks": 3, "pain_now": 5}


def case(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


STABLE = {"warning_symptoms_onset": "stable_over_2_weeks"}
CHRONIC = {"duration_weeks": 30}
PREGNANT = {"sex": "female", "pregnant": True, "pregnancy_weeks": 28}
OLD_WEAKNESS = {"leg_weakness": "stable", "weakness_onset": "longer_ago"}
# The three over-triage patterns of issue 8 item 6, each answered in full.
AAA_STABLE = case(
    age=72,
    sex="male",
    conditions=["aortic_aneurysm"],
    duration_weeks=52,
    pain_now=3,
    pain_worst_week=3,
    pain_course="same_or_easing",
)
CANCER_STABLE = case(
    age=60,
    cancer_history=True,
    duration_weeks=30,
    pain_now=4,
    pain_worst_week=5,
    pain_course="same_or_easing",
)
OSTEO_QUIET = case(
    age=66,
    sex="female",
    osteoporosis=True,
    duration_weeks=3,
    pain_now=2,
    pain_worst_week=3,
    pain_course="same_or_easing",
)


def without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """The same intake with these answers missing."""
    return {key: value for key, value in data.items() if key not in names}


def but(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**data, **changes}


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
            case(cancer_history=True, weakness_signs=["knee_gives_way"]),
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
        [
            case(fever=True, leg_weakness="stable"),
            case(fever=True, numbness=["leg"]),
            case(fever=True, weakness_signs=["foot_drops_or_catches"]),
        ],
        [case(fever=True), case(numbness=["leg"])],
    ),
    "major_trauma": ([case(trauma="major")], [case(trauma="minor")]),
    "aneurysm_known_with_back_pain": (
        [
            case(conditions=["aortic_aneurysm"]),
            case(conditions=["aortic_aneurysm"], **CHRONIC),
            but(AAA_STABLE, pain_course="new_or_worse"),
            but(AAA_STABLE, pain_worst_week=5),
            but(AAA_STABLE, duration_weeks=12),
            but(AAA_STABLE, flank_pain=True),
            but(AAA_STABLE, constant_night_pain=True),
            but(AAA_STABLE, cancer_history=True),
        ],
        [
            case(conditions=["blood_clot_history"]),
            case(age=70, abdominal_or_groin_pain=True),
            AAA_STABLE,
        ],
    ),
    "aneurysm_pattern": (
        [
            case(age=66, sudden_severe_onset=True, abdominal_or_groin_pain=True),
            case(age=58, sudden_severe_onset=True, feels_unwell=True),
            case(age=58, sudden_severe_onset=True, flank_pain=True),
            case(age=70, feels_unwell=True, flank_pain=True),
            case(age=51, feels_unwell=True, abdominal_or_groin_pain=True),
        ],
        [
            case(age=45, sudden_severe_onset=True, abdominal_or_groin_pain=True),
            case(age=66, abdominal_or_groin_pain=True),
            case(age=50, feels_unwell=True, abdominal_or_groin_pain=True),
            case(age=70, feels_unwell=True),
        ],
    ),
    "fracture_with_deficit_or_cannot_walk": (
        [
            case(osteoporosis=True, trauma="minor", unable_to_walk_or_bear_weight=True),
            case(long_term_steroids=True, leg_weakness="stable"),
            case(osteoporosis=True, weakness_signs=["foot_drops_or_catches"]),
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
        [
            case(cancer_history=True),
            case(cancer_history=True, **CHRONIC),
            but(CANCER_STABLE, pain_worst_week=7),
            but(CANCER_STABLE, duration_weeks=12),
            but(CANCER_STABLE, pain_course="new_or_worse"),
            but(CANCER_STABLE, fever=True),
            but(CANCER_STABLE, conditions=["aortic_aneurysm"]),
        ],
        [case(unexplained_weight_loss=True), CANCER_STABLE],
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
            but(OSTEO_QUIET, long_term_steroids=True),
            but(OSTEO_QUIET, duration_weeks=1.9),
            but(OSTEO_QUIET, pain_worst_week=5),
            but(OSTEO_QUIET, trauma="minor"),
            but(OSTEO_QUIET, pain_course="new_or_worse"),
        ],
        [case(age=75), case(osteoporosis=True, **CHRONIC), case(trauma="minor"), OSTEO_QUIET],
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
    "stable_weakness": (
        [
            case(leg_weakness="stable"),
            case(weakness_signs=["cannot_walk_on_tiptoe"], weakness_onset="longer_ago"),
        ],
        [case(leg_weakness="none"), case(leg_weakness="worsening")],
    ),
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
        [
            case(age=35, sudden_severe_onset=True, abdominal_or_groin_pain=True),
            case(age=35, sudden_severe_onset=True, flank_pain=True),
        ],
        [
            case(age=35, sudden_severe_onset=True),
            case(age=35, abdominal_or_groin_pain=True),
            case(age=35, flank_pain=True),
        ],
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
    # ---- Turn 3 (issue 8 items 1-6) ----
    "bleeding_risk_sudden_pain_with_nerve_symptoms": (
        [
            case(conditions=["anticoagulated"], sudden_severe_onset=True, numbness=["leg"]),
            case(conditions=["bleeding_disorder"], sudden_severe_onset=True, leg_weakness="stable"),
            case(
                conditions=["anticoagulated"],
                sudden_severe_onset=True,
                weakness_signs=["foot_drops_or_catches"],
            ),
        ],
        [
            case(conditions=["anticoagulated"], sudden_severe_onset=True),
            case(conditions=["anticoagulated"], numbness=["leg"]),
            case(sudden_severe_onset=True, numbness=["leg"]),
        ],
    ),
    "bleeding_risk_sudden_severe_pain": (
        [
            case(conditions=["anticoagulated"], sudden_severe_onset=True),
            case(conditions=["bleeding_disorder"], sudden_severe_onset=True, **CHRONIC),
        ],
        [
            case(conditions=["anticoagulated"]),
            case(conditions=["anticoagulated"], pain_now=9),
            case(sudden_severe_onset=True),
        ],
    ),
    "new_major_or_both_legs_weakness": (
        [
            case(leg_weakness="stable", weakness_signs=["foot_drops_or_catches"]),
            case(
                leg_weakness="stable",
                weakness_signs=["cannot_walk_on_heels"],
                weakness_onset="last_two_weeks",
            ),
            case(leg_weakness="stable", weakness_signs=["both_legs"], **CHRONIC),
            case(weakness_signs=["knee_gives_way"]),
            case(leg_weakness="stable", weakness_signs=["cannot_walk_on_tiptoe"], **CHRONIC),
        ],
        [
            case(**OLD_WEAKNESS, weakness_signs=["foot_drops_or_catches"]),
            case(**OLD_WEAKNESS, weakness_signs=["both_legs"]),
            case(leg_weakness="stable", weakness_onset="last_two_weeks"),
        ],
    ),
    "new_weakness": (
        [
            case(leg_weakness="stable"),
            case(leg_weakness="stable", weakness_onset="last_two_weeks", **CHRONIC),
            case(weakness_signs=["foot_drops_or_catches"]),
        ],
        [case(**OLD_WEAKNESS), case()],
    ),
    "both_legs_weakness_long_standing": (
        [
            case(**OLD_WEAKNESS, weakness_signs=["both_legs"], **CHRONIC),
            case(leg_weakness="stable", weakness_signs=["both_legs"]),
        ],
        [
            case(**OLD_WEAKNESS, weakness_signs=["foot_drops_or_catches"]),
            case(leg_pain="both_legs"),
        ],
    ),
    "pregnancy_labour_or_bleeding_signs": (
        [
            case(**PREGNANT, pregnancy_warning_signs=["tightening_or_cramps"]),
            case(**PREGNANT, pregnancy_warning_signs=["vaginal_bleeding"]),
            case(**PREGNANT, pregnancy_warning_signs=["fluid_leaking"]),
            case(**PREGNANT, pregnancy_warning_signs=["reduced_baby_movements"]),
            case(sex="female", pregnant=True, pregnancy_warning_signs=["vaginal_bleeding"]),
        ],
        [
            case(**PREGNANT),
            case(**PREGNANT, pregnancy_warning_signs=["burning_when_peeing"]),
            case(**PREGNANT, abdominal_or_groin_pain=True),
        ],
    ),
    "pregnancy_fever_urine_or_rib_pain": (
        [
            case(**PREGNANT, fever=True),
            case(**PREGNANT, pregnancy_warning_signs=["burning_when_peeing"]),
            case(**PREGNANT, pregnancy_warning_signs=["pain_under_ribs"]),
        ],
        [
            case(**PREGNANT, urinary_burning_or_frequency=True),
            case(sex="female", fever=True),
            case(**PREGNANT, pregnancy_warning_signs=["fluid_leaking"]),
        ],
    ),
    "aneurysm_risk_with_belly_or_side_pain": (
        [
            case(age=60, sex="male", abdominal_or_groin_pain=True),
            case(age=68, sex="female", smoker=True, flank_pain=True),
            case(age=70, abdominal_or_groin_pain=True),
            case(age=65, sex="female", conditions=["family_history_aneurysm"], flank_pain=True),
            case(
                age=65,
                sex="female",
                conditions=["vascular_disease"],
                abdominal_or_groin_pain=True,
                **CHRONIC,
            ),
            case(
                age=65,
                sex="female",
                conditions=["high_blood_pressure"],
                abdominal_or_groin_pain=True,
            ),
            case(
                age=65,
                sex="male",
                abdominal_or_groin_pain=True,
                pain_course="same_or_easing",
                duration_weeks=3,
            ),
        ],
        [
            case(age=59, sex="male", abdominal_or_groin_pain=True),
            case(age=70, sex="female", abdominal_or_groin_pain=True),
            case(age=70, sex="male"),
            case(
                age=70,
                sex="male",
                abdominal_or_groin_pain=True,
                pain_course="same_or_easing",
                **CHRONIC,
            ),
        ],
    ),
    "kidney_stone_like_pain_over_55": (
        [case(age=56, flank_pain=True), case(age=80, sex="female", flank_pain=True, **CHRONIC)],
        [case(age=55, flank_pain=True), case(age=70, abdominal_or_groin_pain=True)],
    ),
    "cannot_walk_or_unrelenting_pain": (
        [
            case(unable_to_walk_or_bear_weight=True),
            case(pain_unrelenting=True),
            case(pain_unrelenting=True, **CHRONIC),
        ],
        [case(pain_now=9), case(constant_night_pain=True)],
    ),
    "aneurysm_long_standing_unchanged_pain": (
        [AAA_STABLE, but(AAA_STABLE, pain_worst_week=4), but(AAA_STABLE, duration_weeks=12.5)],
        [
            without(AAA_STABLE, "pain_course"),
            without(AAA_STABLE, "pain_worst_week"),
            but(AAA_STABLE, pain_worst_week=5),
            but(AAA_STABLE, duration_weeks=12),
            but(AAA_STABLE, abdominal_or_groin_pain=True),
            but(AAA_STABLE, feels_unwell=True),
            but(AAA_STABLE, fever=True),
        ],
    ),
    "cancer_history_long_standing_unchanged_pain": (
        [CANCER_STABLE, but(CANCER_STABLE, pain_worst_week=6)],
        [
            without(CANCER_STABLE, "pain_course"),
            without(CANCER_STABLE, "pain_worst_week"),
            but(CANCER_STABLE, pain_worst_week=7),
            but(CANCER_STABLE, duration_weeks=12),
            but(CANCER_STABLE, thoracic_pain=True),
            but(CANCER_STABLE, constant_night_pain=True),
            but(CANCER_STABLE, unexplained_weight_loss=True),
            but(CANCER_STABLE, pain_unrelenting=True),
        ],
    ),
    "osteoporosis_mild_pain_no_new_event": (
        [
            OSTEO_QUIET,
            but(OSTEO_QUIET, duration_weeks=2),
            but(OSTEO_QUIET, duration_weeks=5.9, pain_worst_week=4),
        ],
        [
            without(OSTEO_QUIET, "pain_course"),
            without(OSTEO_QUIET, "pain_worst_week"),
            but(OSTEO_QUIET, duration_weeks=1.9),
            but(OSTEO_QUIET, duration_weeks=6),
            but(OSTEO_QUIET, trauma="minor"),
            but(OSTEO_QUIET, sudden_severe_onset=True),
            but(OSTEO_QUIET, long_term_steroids=True),
            but(OSTEO_QUIET, pain_worst_week=5),
        ],
    ),
    "leg_symptoms_getting_worse": (
        [
            case(leg_pain="one_leg", leg_pain_below_knee=True, leg_symptoms_worsening=True),
            case(leg_symptoms_worsening=True, numbness=["foot"], **CHRONIC),
        ],
        [case(leg_pain="one_leg", leg_pain_below_knee=True), case(numbness=["foot"])],
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


# A missing answer never lowers the level: each intake leaves one answer out, and the level
# must be at least the one the cautious reading gives (clinical evidence 4.6; contract 2).
MISSING_ANSWERS: dict[str, tuple[dict[str, Any], Level]] = {
    "weakness onset unknown": (case(leg_weakness="stable", **CHRONIC), Level.urgent),
    "major weakness onset unknown": (
        case(leg_weakness="stable", weakness_signs=["foot_drops_or_catches"], **CHRONIC),
        Level.emergency,
    ),
    "aneurysm: course unknown": (without(AAA_STABLE, "pain_course"), Level.emergency),
    "aneurysm: worst pain unknown": (without(AAA_STABLE, "pain_worst_week"), Level.emergency),
    "cancer: course unknown": (without(CANCER_STABLE, "pain_course"), Level.urgent),
    "cancer: worst pain unknown": (without(CANCER_STABLE, "pain_worst_week"), Level.urgent),
    "osteoporosis: course unknown": (without(OSTEO_QUIET, "pain_course"), Level.urgent),
    "osteoporosis: worst pain unknown": (without(OSTEO_QUIET, "pain_worst_week"), Level.urgent),
    "aneurysm risk: sex unknown": (case(age=66, abdominal_or_groin_pain=True), Level.urgent),
    "aneurysm risk: course unknown in a long episode": (
        case(age=66, sex="male", flank_pain=True, **CHRONIC),
        Level.urgent,
    ),
}


def _level(knowledge: Knowledge, data: dict[str, Any]) -> Level:
    return triage(Intake.model_validate(data), knowledge).level


@pytest.mark.parametrize("name", sorted(MISSING_ANSWERS))
def test_a_missing_answer_never_lowers_the_level(knowledge: Knowledge, name: str) -> None:
    data, floor = MISSING_ANSWERS[name]
    assert _level(knowledge, data).rank >= floor.rank


@pytest.mark.parametrize(
    ("answered", "level"),
    [(AAA_STABLE, Level.soon), (CANCER_STABLE, Level.soon), (OSTEO_QUIET, Level.soon)],
)
def test_long_standing_unchanged_pain_gets_a_timely_gp_review(
    knowledge: Knowledge, answered: dict[str, Any], level: Level
) -> None:
    """Issue 8 item 6: only the full answer (long, unchanged, mild, nothing else) lowers it."""
    assert _level(knowledge, answered) == level
