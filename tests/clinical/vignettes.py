"""Written clinical vignettes with the triage level a careful clinician would give.

Each expected level was derived by hand from the clinical evidence summary,
docs/clinical-evidence.md (sections 4 to 7), not from the rule data or the triage code, so these
cases are an independent check on both. Where the evidence is genuinely ambiguous the more
cautious level was chosen; the ``why`` says so with the word "AMBIGUOUS".

Section numbers in a ``why`` or a comment ("Evidence 4.2/5.1", or a bare "(4.3)") are sections
of docs/clinical-evidence.md: 4.x are the red flags, 5.x the urgency ladder, 6 the duration
definitions and 7 STarT Back.

``named``: True means at least one red flag must be listed (even at self_care, for a weak flag
such as age over 50); False means the red-flag list must be empty; None means not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

Level = Literal["emergency", "urgent", "soon", "self_care"]

LEVELS: Final[tuple[Level, ...]] = ("emergency", "urgent", "soon", "self_care")
RANK: Final[dict[str, int]] = {"self_care": 0, "soon": 1, "urgent": 2, "emergency": 3}


@dataclass(frozen=True)
class Vignette:
    """One written case: the intake, the expected level and the guideline reasoning."""

    name: str
    intake: dict[str, Any]
    level: Level
    why: str
    named: bool | None = None


def case(age: int, weeks: float, pain: int, **answers: Any) -> dict[str, Any]:
    """An intake dict from the three required answers plus any optional ones."""
    return {"age": age, "duration_weeks": weeks, "pain_now": pain, **answers}


STARTBACK_ITEMS: Final[tuple[str, ...]] = (
    "leg_pain",
    "shoulder_neck_pain",
    "walked_short_distances",
    "dressed_slowly",
    "not_safe_to_be_active",
    "worrying_thoughts",
    "terrible_never_better",
    "not_enjoyed_things",
)


def startback(*agreed: str, bother: str = "slightly") -> dict[str, Any]:
    """STarT Back answers: the named items agreed, the rest disagreed (clinical evidence 7)."""
    unknown = set(agreed) - set(STARTBACK_ITEMS)
    if unknown:
        raise ValueError(f"unknown STarT Back items: {sorted(unknown)}")
    answers: dict[str, Any] = {item: item in agreed for item in STARTBACK_ITEMS}
    answers["bothersomeness"] = bother
    return answers


# Distress subscale (items 5-9) = 4 -> high risk.
SB_HIGH: Final = startback(
    "not_safe_to_be_active",
    "worrying_thoughts",
    "terrible_never_better",
    "not_enjoyed_things",
    bother="moderately",
)
# Subscale 3 (bothersomeness "very much" scores) + 1 more psych item -> subscale 4 -> high.
SB_HIGH_VIA_BOTHER: Final = startback(
    "walked_short_distances",
    "worrying_thoughts",
    "terrible_never_better",
    "not_enjoyed_things",
    bother="very_much",
)
# Total 4, subscale 1 -> medium risk.
SB_MEDIUM: Final = startback(
    "shoulder_neck_pain",
    "walked_short_distances",
    "dressed_slowly",
    "worrying_thoughts",
    bother="moderately",
)
# Total 4, subscale 3 ("moderately" does not score) -> medium, one step below high.
SB_MEDIUM_SUBSCALE_3: Final = startback(
    "walked_short_distances",
    "worrying_thoughts",
    "terrible_never_better",
    "not_enjoyed_things",
    bother="moderately",
)
# Total 2 -> low risk.
SB_LOW: Final = startback("shoulder_neck_pain", "dressed_slowly", bother="slightly")

DESK: Final = {"work": "desk", "activities": ["walking"], "equipment": ["mat"]}
MANUAL: Final = {"work": "manual", "equipment": ["foam_roller", "heat_pack"]}


EMERGENCY: Final[list[Vignette]] = [
    # --- Cauda equina: each feature alone when new or worsening (Evidence 4.2, 4.3, 5.1) ---
    Vignette(
        "em_saddle_numbness_new_with_sciatica",
        case(
            42,
            1,
            6,
            sex="female",
            numbness=["saddle"],
            leg_pain="one_leg",
            leg_pain_below_knee=True,
        ),
        "emergency",
        "Evidence 4.2/5.1: new saddle (perineal) numbness is a CES feature; any one new feature "
        "escalates to emergency (GIRFT: seen within hours).",
        named=True,
    ),
    Vignette(
        "em_saddle_numbness_new_only_feature",
        case(29, 3, 4, sex="male", numbness=["saddle"], warning_symptoms_onset="new_or_worsening"),
        "emergency",
        "Evidence 4.2/5.1: saddle numbness alone, new, with no leg pain is still suspected CES "
        "(BASS 2018: any saddle or genital sensory disturbance).",
        named=True,
    ),
    Vignette(
        "em_urinary_retention_new",
        case(51, 2, 7, sex="male", bladder_bowel_change=True, leg_pain="one_leg"),
        "emergency",
        "Evidence 4.2/5.1: new difficulty starting urine (retention/hesitancy) with back pain is "
        "a CES feature.",
        named=True,
    ),
    Vignette(
        "em_new_incontinence_in_long_episode",
        case(63, 40, 5, sex="female", bladder_bowel_change=True, previous_episodes=4),
        "emergency",
        "Evidence 4.2/5.1: the back pain is chronic but the sphincter change is new; newness of "
        "the CES feature decides, not the episode length.",
        named=True,
    ),
    Vignette(
        "em_sexual_dysfunction_new_male",
        case(38, 2, 5, sex="male", sexual_function_change=True, leg_pain="one_leg"),
        "emergency",
        "Evidence 4.2/5.1: new sexual dysfunction (erection/ejaculation) is a CES feature.",
        named=True,
    ),
    Vignette(
        "em_loss_of_genital_sensation_female",
        case(33, 4, 4, sex="female", sexual_function_change=True, preferences=DESK),
        "emergency",
        "Evidence 4.2: loss of vaginal/genital sensation is listed among new CES features; 5.1.",
        named=True,
    ),
    Vignette(
        "em_both_legs_numbness_new",
        case(47, 1, 6, numbness=["both_legs"], leg_symptoms_worsening=True),
        "emergency",
        "Evidence 4.3/5.1: new bilateral leg numbness is a CES feature.",
        named=True,
    ),
    Vignette(
        "em_leg_pain_spread_to_both_legs",
        case(
            36,
            5,
            6,
            sex="female",
            leg_pain="both_legs",
            leg_pain_below_knee=True,
            leg_symptoms_worsening=True,
        ),
        "emergency",
        "Evidence 4.2 (BASS): unilateral leg pain that becomes bilateral is a CES feature; 5.1.",
        named=True,
    ),
    Vignette(
        "em_sudden_bilateral_sciatica",
        case(
            55,
            0.5,
            8,
            sex="male",
            leg_pain="both_legs",
            leg_pain_below_knee=True,
            leg_pain_worse_than_back=True,
            leg_symptoms_worsening=True,
        ),
        "emergency",
        "Evidence 4.2: sudden-onset bilateral radicular leg pain; 5.1 bilateral sciatica.",
        named=True,
    ),
    Vignette(
        "em_both_legs_numbness_newness_not_stated",
        case(58, 10, 4, numbness=["both_legs"]),
        "emergency",
        "AMBIGUOUS -> cautious: bilateral leg numbness (CES feature, 4.3/5.1) with neither "
        "leg_symptoms_worsening nor a stable onset given; contract 1 says missing answers never "
        "lower the level and warning_symptoms_onset defaults to new_or_worsening.",
        named=True,
    ),
    Vignette(
        "em_both_legs_pain_in_one_week_episode_newness_not_stated",
        case(46, 1, 7, sex="male", leg_pain="both_legs", leg_pain_below_knee=True),
        "emergency",
        "AMBIGUOUS -> cautious: bilateral sciatica (4.2/5.1) in an episode only 1 week old is "
        "necessarily recent even though leg_symptoms_worsening was left at its default; missing "
        "answers never lower the level (contract 1).",
        named=True,
    ),
    Vignette(
        "em_bladder_change_young_adult_not_just_soon",
        case(18, 1, 6, sex="female", bladder_bowel_change=True),
        "emergency",
        "Evidence 5.1: a new CES feature is an emergency at any age; age under 20 (soon) must "
        "not cap it.",
        named=True,
    ),
    Vignette(
        "em_saddle_numbness_in_pregnancy",
        case(
            31,
            2,
            5,
            sex="female",
            pregnant=True,
            pregnancy_weeks=30,
            numbness=["saddle"],
        ),
        "emergency",
        "Evidence 4.2/5.1: new saddle numbness is an emergency whatever else is going on; "
        "pregnancy back pain is no reason to discount it.",
        named=True,
    ),
    Vignette(
        "em_new_bladder_change_with_stable_weakness",
        case(50, 3, 6, bladder_bowel_change=True, leg_weakness="stable"),
        "emergency",
        "Evidence 5.1: new bladder change (CES) outranks the stable deficit (soon, 5.3).",
        named=True,
    ),
    # --- Progressive motor deficit (4.3, 5.1) ---
    Vignette(
        "em_progressive_foot_drop_with_sciatica",
        case(
            44,
            3,
            6,
            sex="male",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_weakness="worsening",
            leg_symptoms_worsening=True,
        ),
        "emergency",
        "Evidence 4.3/5.1: progressive motor deficit (worsening foot drop) is an emergency.",
        named=True,
    ),
    Vignette(
        "em_progressive_weakness_without_leg_pain",
        case(71, 8, 3, sex="female", leg_weakness="worsening"),
        "emergency",
        "Evidence 4.3/5.1: progressive weakness escalates even with low pain and no leg pain.",
        named=True,
    ),
    Vignette(
        "em_progressive_weakness_in_chronic_pain",
        case(
            26,
            20,
            5,
            sex="male",
            leg_pain="one_leg",
            leg_weakness="worsening",
            treatment_not_helped=True,
        ),
        "emergency",
        "Evidence 4.3/5.1: worsening weakness is an emergency in a chronic episode too; the soon "
        "flags (failed treatment) must not cap it.",
        named=True,
    ),
    # --- Known cancer with new neurological symptoms: MSCC (4.3, NG234, 5.1) ---
    Vignette(
        "em_cancer_with_leg_weakness",
        case(64, 3, 5, sex="female", cancer_history=True, leg_weakness="stable"),
        "emergency",
        "Evidence 4.3/5.1: known cancer plus neuro symptoms = suspected MSCC, contact the MSCC "
        "coordinator immediately (NG234). AMBIGUOUS whether 'stable' weakness counts as new; "
        "cautious -> emergency.",
        named=True,
    ),
    Vignette(
        "em_cancer_new_leg_numbness_and_thoracic_pain",
        case(
            58,
            2,
            6,
            sex="male",
            cancer_history=True,
            numbness=["leg"],
            leg_symptoms_worsening=True,
            thoracic_pain=True,
        ),
        "emergency",
        "Evidence 4.3: cancer history with new numbness and band-like thoracic pain = MSCC; 5.1.",
        named=True,
    ),
    Vignette(
        "em_cancer_new_foot_numbness",
        case(70, 1, 4, cancer_history=True, numbness=["foot"], leg_symptoms_worsening=True),
        "emergency",
        "Evidence 5.1: cancer history plus new neuro symptoms (new foot numbness).",
        named=True,
    ),
    Vignette(
        "em_cancer_with_bladder_change",
        case(66, 2, 6, sex="male", cancer_history=True, bladder_bowel_change=True),
        "emergency",
        "Evidence 4.3: sphincter change in known cancer is MSCC/CES; 5.1.",
        named=True,
    ),
    Vignette(
        "em_cancer_with_stable_saddle_numbness",
        case(
            61,
            6,
            4,
            sex="female",
            cancer_history=True,
            numbness=["saddle"],
            warning_symptoms_onset="stable_over_2_weeks",
        ),
        "emergency",
        "AMBIGUOUS -> cautious: stable CES alone is urgent (4.2), but with known cancer any neuro "
        "symptom is suspected MSCC -> immediate (4.3, NG234; 5.1).",
        named=True,
    ),
    # --- Spinal infection (4.1, 4.3, 5.1) ---
    Vignette(
        "em_fever_iv_drug_use",
        case(31, 1, 7, sex="male", fever=True, iv_drug_use=True),
        "emergency",
        "Evidence 5.1: fever with IV drug use (epidural abscess / osteomyelitis risk).",
        named=True,
    ),
    Vignette(
        "em_fever_immunosuppressed",
        case(52, 2, 6, sex="female", fever=True, immunosuppressed=True),
        "emergency",
        "Evidence 5.1: fever with immunosuppression.",
        named=True,
    ),
    Vignette(
        "em_fever_after_spinal_injection",
        case(60, 1, 6, sex="male", fever=True, recent_infection_or_spinal_procedure=True),
        "emergency",
        "Evidence 5.1: fever after a recent spinal procedure or injection.",
        named=True,
    ),
    Vignette(
        "em_fever_systemically_unwell",
        case(40, 0.5, 7, sex="female", fever=True, feels_unwell=True),
        "emergency",
        "Evidence 4.3/5.1: fever with systemic illness (rigors, faint, sweaty).",
        named=True,
    ),
    Vignette(
        "em_fever_with_stable_weakness",
        case(45, 2, 5, sex="male", fever=True, leg_weakness="stable"),
        "emergency",
        "Evidence 4.3/5.1: fever with any neurological deficit.",
        named=True,
    ),
    Vignette(
        "em_fever_with_new_leg_numbness",
        case(35, 1, 5, fever=True, numbness=["leg"], leg_symptoms_worsening=True),
        "emergency",
        "Evidence 4.3/5.1: fever with a neuro deficit (new sensory loss); triad of epidural "
        "abscess.",
        named=True,
    ),
    Vignette(
        "em_fever_with_diabetes",
        case(59, 1, 6, sex="male", fever=True, conditions=["diabetes"]),
        "emergency",
        "AMBIGUOUS -> cautious: 5.1 names IVDU/immunosuppression/procedure, but 4.3 lists "
        "diabetes among infection risk factors and says 'febrile with risk factors' -> "
        "emergency; diabetes is the commonest determinant (Yusuf 2019, 4.1).",
        named=True,
    ),
    # --- Major trauma (4.3, 5.1) ---
    Vignette(
        "em_major_trauma_road_collision",
        case(24, 0.2, 6, sex="male", trauma="major"),
        "emergency",
        "Evidence 4.3/5.1: major trauma (road collision).",
        named=True,
    ),
    Vignette(
        "em_major_trauma_fall_from_height_older",
        case(77, 0.1, 5, sex="female", trauma="major"),
        "emergency",
        "Evidence 4.3/5.1: major trauma (fall from height), walking or not.",
        named=True,
    ),
    Vignette(
        "em_major_trauma_low_pain",
        case(33, 0, 3, trauma="major", preferences=MANUAL),
        "emergency",
        "Evidence 5.1: major trauma escalates whatever the pain score.",
        named=True,
    ),
    # --- Aortic aneurysm (4.3, 5.1) ---
    Vignette(
        "em_known_aaa_new_back_pain",
        case(72, 0.3, 6, sex="male", smoker=True, conditions=["aortic_aneurysm"]),
        "emergency",
        "Evidence 4.3/5.1: known AAA with new back pain -> ambulance, do not delay for imaging.",
        named=True,
    ),
    Vignette(
        "em_known_aaa_longer_back_pain",
        case(69, 26, 4, sex="male", conditions=["aortic_aneurysm", "high_blood_pressure"]),
        "emergency",
        "AMBIGUOUS -> cautious: 5.1 says known AAA with new pain; the intake cannot tell pain "
        "from an expanding aneurysm from other back pain, so any back pain with a known AAA.",
        named=True,
    ),
    Vignette(
        "em_aaa_features_sudden_pain_and_abdominal_pain",
        case(
            67,
            0.1,
            9,
            sex="male",
            smoker=True,
            sudden_severe_onset=True,
            abdominal_or_groin_pain=True,
        ),
        "emergency",
        "Evidence 4.3/5.1: age > 50 with sudden severe back and abdominal pain = symptomatic AAA.",
        named=True,
    ),
    Vignette(
        "em_aaa_features_sudden_pain_and_faint",
        case(74, 0.1, 8, sex="female", sudden_severe_onset=True, feels_unwell=True),
        "emergency",
        "Evidence 5.1: age > 50, sudden severe pain and faintness/collapse.",
        named=True,
    ),
    Vignette(
        "em_first_renal_colic_over_55",
        case(58, 0.1, 9, sex="male", sudden_severe_onset=True, abdominal_or_groin_pain=True),
        "emergency",
        "Evidence 4.3/5.1: first 'renal colic' (sudden loin-to-groin pain) over 55 is AAA until "
        "proven otherwise.",
        named=True,
    ),
    # --- Fragility fracture with deficit or unable to bear weight (4.3) ---
    Vignette(
        "em_osteoporotic_fall_cannot_bear_weight",
        case(
            79,
            0.3,
            8,
            sex="female",
            osteoporosis=True,
            trauma="minor",
            unable_to_walk_or_bear_weight=True,
        ),
        "emergency",
        "Evidence 4.3: suspected fragility fracture and cannot bear weight -> emergency.",
        named=True,
    ),
    Vignette(
        "em_steroids_minor_trauma_with_weakness",
        case(62, 1, 7, sex="male", long_term_steroids=True, trauma="minor", leg_weakness="stable"),
        "emergency",
        "Evidence 4.3: suspected fragility fracture (prolonged steroids + minor trauma) with a "
        "neuro deficit -> emergency.",
        named=True,
    ),
    Vignette(
        "em_over_70_fall_with_new_leg_numbness",
        case(
            83,
            0.5,
            6,
            sex="female",
            trauma="minor",
            numbness=["leg"],
            leg_symptoms_worsening=True,
        ),
        "emergency",
        "Evidence 4.3: fragility fracture features (age > 70, fall from standing) plus a new "
        "neuro deficit -> emergency.",
        named=True,
    ),
    Vignette(
        "em_osteoporosis_sudden_pain_cannot_walk",
        case(
            68,
            0.2,
            9,
            sex="female",
            osteoporosis=True,
            sudden_severe_onset=True,
            unable_to_walk_or_bear_weight=True,
        ),
        "emergency",
        "Evidence 4.3: osteoporosis with sudden severe pain and no injury (fragility fracture) "
        "and unable to bear weight -> emergency.",
        named=True,
    ),
    Vignette(
        "em_fever_urinary_symptoms_pregnant",
        case(
            30,
            0.5,
            6,
            sex="female",
            pregnant=True,
            pregnancy_weeks=24,
            fever=True,
            urinary_burning_or_frequency=True,
        ),
        "emergency",
        "Changed in turn 3 (was ur_fever_urinary_symptoms_pregnant, urgent): Evidence 4.6 and "
        "NHS maternity guidance (Tommy's list, UHB) send a fever in pregnancy to the maternity "
        "unit straight away, not the next day; 'contact the maternity unit now' is the "
        "emergency tier.",
        named=True,
    ),
]


URGENT: Final[list[Vignette]] = [
    # --- Suspected spinal metastasis without deficit (4.3, 5.2) ---
    Vignette(
        "ur_cancer_history_new_back_pain",
        case(61, 3, 5, sex="female", cancer_history=True),
        "urgent",
        "Evidence 4.1/4.3/5.2: history of cancer is the one strong malignancy flag; new spinal "
        "pain without neuro symptoms -> urgent (NG234: MSCC coordinator within 24 h).",
        named=True,
    ),
    Vignette(
        "ur_cancer_history_thoracic_pain",
        case(54, 2, 6, sex="male", cancer_history=True, thoracic_pain=True),
        "urgent",
        "Evidence 4.3: cancer history with thoracic pain, no neuro -> urgent.",
        named=True,
    ),
    Vignette(
        "ur_cancer_history_constant_night_pain",
        case(47, 6, 6, sex="female", cancer_history=True, constant_night_pain=True),
        "urgent",
        "Evidence 4.3: cancer history with constant night pain, no neuro -> urgent.",
        named=True,
    ),
    Vignette(
        "ur_cancer_history_young_adult",
        case(34, 1, 4, sex="male", cancer_history=True, preferences=DESK),
        "urgent",
        "Evidence 5.2: cancer history with new spinal pain; age does not lower it.",
        named=True,
    ),
    Vignette(
        "ur_cancer_history_long_episode",
        case(72, 30, 3, sex="female", cancer_history=True),
        "urgent",
        "AMBIGUOUS -> cautious: 5.2 says 'new spinal pain'; a 30-week episode may be old pain, "
        "but history of malignancy is the strongest flag (Downie 2013, 4.1), so urgent.",
        named=True,
    ),
    Vignette(
        "ur_cancer_history_and_weight_loss",
        case(56, 4, 5, sex="male", cancer_history=True, unexplained_weight_loss=True),
        "urgent",
        "Evidence 5.2: suspected metastasis without neuro deficit.",
        named=True,
    ),
    # --- Suspected malignancy without known cancer (4.3, 5.2) ---
    Vignette(
        "ur_weight_loss_over_50",
        case(58, 5, 5, sex="male", unexplained_weight_loss=True),
        "urgent",
        "Evidence 5.2: unexplained weight loss with age > 50.",
        named=True,
    ),
    Vignette(
        "ur_weight_loss_age_51",
        case(51, 8, 4, sex="female", unexplained_weight_loss=True),
        "urgent",
        "Evidence 5.2: unexplained weight loss with age > 50 (51, just over the line).",
        named=True,
    ),
    Vignette(
        "ur_weight_loss_with_constant_night_pain_under_50",
        case(39, 8, 6, sex="female", unexplained_weight_loss=True, constant_night_pain=True),
        "urgent",
        "Evidence 5.2: unexplained weight loss with constant or unremitting night pain.",
        named=True,
    ),
    Vignette(
        "ur_weight_loss_older_smoker",
        case(73, 10, 5, sex="female", smoker=True, unexplained_weight_loss=True),
        "urgent",
        "Evidence 5.2: weight loss with age > 50.",
        named=True,
    ),
    Vignette(
        "ur_weight_loss_night_pain_over_60",
        case(63, 4, 7, sex="male", unexplained_weight_loss=True, constant_night_pain=True),
        "urgent",
        "Evidence 5.2: weight loss, constant night pain, age > 50 (three malignancy features, "
        "no neuro).",
        named=True,
    ),
    # --- Suspected fragility fracture (4.1, 4.3, 5.2) ---
    Vignette(
        "ur_osteoporosis_minor_fall",
        case(66, 1, 7, sex="female", osteoporosis=True, trauma="minor"),
        "urgent",
        "Evidence 4.3/5.2: osteoporosis and minor trauma -> suspected fragility fracture.",
        named=True,
    ),
    Vignette(
        "ur_long_term_steroids_lifting",
        case(45, 0.5, 6, sex="male", long_term_steroids=True, trauma="minor"),
        "urgent",
        "Evidence 4.1/5.2: prolonged corticosteroids (post-test probability 33%, Downie 2013) "
        "with minor trauma.",
        named=True,
    ),
    Vignette(
        "ur_long_term_steroids_no_injury",
        case(55, 1, 6, sex="female", long_term_steroids=True),
        "urgent",
        "Evidence 4.3: 'minor or no trauma plus prolonged steroids' -> suspected fragility "
        "fracture; steroids are one of the few informative flags (Henschke 2009).",
        named=True,
    ),
    Vignette(
        "ur_over_70_fall_from_standing",
        case(76, 0.5, 6, sex="female", trauma="minor"),
        "urgent",
        "Evidence 4.1/5.2: age > 70 and minor trauma -> suspected fragility fracture.",
        named=True,
    ),
    Vignette(
        "ur_over_80_lifting_injury_male",
        case(81, 1, 5, sex="male", trauma="minor"),
        "urgent",
        "Evidence 5.2: age > 70 with minor trauma; male sex does not remove the risk.",
        named=True,
    ),
    Vignette(
        "ur_osteoporosis_sudden_pain_no_injury_walking",
        case(64, 0.3, 7, sex="female", osteoporosis=True, sudden_severe_onset=True),
        "urgent",
        "Evidence 4.3: osteoporosis with sudden severe central pain and no injury = fragility "
        "fracture (urgent); no abdominal pain or faintness, so not the AAA pattern.",
        named=True,
    ),
    Vignette(
        "ur_osteoporotic_fall_recurrent_back_pain",
        case(74, 2, 5, sex="female", osteoporosis=True, trauma="minor", previous_episodes=3),
        "urgent",
        "Evidence 5.2: a new fall with osteoporosis is a suspected fracture even in someone "
        "with earlier back pain episodes.",
        named=True,
    ),
    # --- Immunosuppression with severe constant pain (5.2) ---
    Vignette(
        "ur_immunosuppressed_severe_constant_pain",
        case(
            49,
            2,
            8,
            sex="male",
            immunosuppressed=True,
            constant_night_pain=True,
            pain_worst_week=9,
        ),
        "urgent",
        "Evidence 5.2: immunosuppression with new severe constant pain, no fever.",
        named=True,
    ),
    Vignette(
        "ur_transplant_recipient_severe_constant_pain",
        case(62, 3, 7, sex="female", immunosuppressed=True, constant_night_pain=True),
        "urgent",
        "Evidence 5.2: immunosuppression with severe constant pain.",
        named=True,
    ),
    # --- Fever without deficit or high-risk factor (4.3, 5.2) ---
    Vignette(
        "ur_fever_systemically_well",
        case(37, 1, 5, sex="male", fever=True),
        "urgent",
        "Evidence 4.3/5.2: fever with back pain, no neuro deficit, no IVDU, not systemically "
        "unwell -> urgent, same day.",
        named=True,
    ),
    Vignette(
        "ur_new_fever_in_chronic_back_pain",
        case(45, 20, 4, sex="female", fever=True),
        "urgent",
        "Evidence 4.1 (IDSA: new or worsening back pain plus fever)/5.2: a new fever during a "
        "chronic episode still needs same-day review.",
        named=True,
    ),
    Vignette(
        "ur_fever_older_adult_well",
        case(66, 2, 5, sex="male", fever=True),
        "urgent",
        "Evidence 5.2: fever with back pain, no deficit, no risk factor, not unwell.",
        named=True,
    ),
    Vignette(
        "ur_fever_urinary_burning_kidney_mimic",
        case(28, 0.5, 6, sex="female", fever=True, urinary_burning_or_frequency=True),
        "urgent",
        "Evidence 4.3 (non-spinal mimics): fever plus dysuria/frequency = possible pyelonephritis "
        "-> urgent (same or next day).",
        named=True,
    ),
    # --- Stable CES features > 2 weeks (4.2, 4.3, 5.2) ---
    Vignette(
        "ur_bladder_change_stable_over_2_weeks",
        case(
            57,
            30,
            4,
            sex="male",
            bladder_bowel_change=True,
            warning_symptoms_onset="stable_over_2_weeks",
        ),
        "urgent",
        "Evidence 4.2/5.2: long-standing unchanged bladder symptom -> urgent at minimum (GIRFT "
        ">14 days pathway), not the emergency department.",
        named=True,
    ),
    Vignette(
        "ur_saddle_numbness_stable_over_2_weeks",
        case(
            44,
            12,
            5,
            sex="female",
            numbness=["saddle"],
            warning_symptoms_onset="stable_over_2_weeks",
        ),
        "urgent",
        "Evidence 4.2/5.2: stable saddle numbness for more than 2 weeks -> urgent.",
        named=True,
    ),
    Vignette(
        "ur_sexual_change_stable_over_2_weeks",
        case(
            52,
            20,
            4,
            sex="male",
            sexual_function_change=True,
            warning_symptoms_onset="stable_over_2_weeks",
        ),
        "urgent",
        "Evidence 4.2/5.2: stable sexual dysfunction for more than 2 weeks -> urgent.",
        named=True,
    ),
    Vignette(
        "ur_both_legs_numbness_long_standing_unchanged",
        case(
            70,
            52,
            3,
            numbness=["both_legs"],
            leg_symptoms_worsening=False,
            warning_symptoms_onset="stable_over_2_weeks",
        ),
        "urgent",
        "Evidence 4.3: bilateral leg numbness is a CES feature; long-standing and unchanged -> "
        "urgent at minimum (4.2).",
        named=True,
    ),
    Vignette(
        "ur_stable_bladder_change_and_stable_weakness",
        case(
            60,
            16,
            4,
            bladder_bowel_change=True,
            warning_symptoms_onset="stable_over_2_weeks",
            leg_weakness="stable",
        ),
        "urgent",
        "Evidence 5.2 (stable CES) outranks 5.3 (stable deficit).",
        named=True,
    ),
    Vignette(
        "ur_cancer_history_outranks_startback_high",
        case(48, 3, 6, sex="female", cancer_history=True, startback=SB_HIGH),
        "urgent",
        "Evidence 5.2 (cancer history, new pain) outranks 5.3 (STarT Back high).",
        named=True,
    ),
    # --- Added after probing: gaps around the ladder ---
    Vignette(
        "ur_cancer_history_chronic_pain_under_50",
        case(45, 20, 4, sex="female", cancer_history=True),
        "urgent",
        "AMBIGUOUS -> cautious: history of cancer is the one strong malignancy flag (4.1); 5.2 "
        "says 'new spinal pain' but a 20-week episode in someone treated for cancer still needs "
        "checking for metastasis. At the very least the flag must be named (contract 2: a red "
        "flag is never dropped).",
        named=True,
    ),
    Vignette(
        "ur_iv_drug_use_new_pain_no_fever",
        case(29, 1, 6, sex="male", iv_drug_use=True),
        "urgent",
        "Evidence 4.3 infection row: emergency with fever, unwell or deficit, 'otherwise urgent, "
        "same day'; fever is absent in about half of epidural abscesses (4.1).",
        named=True,
    ),
    Vignette(
        "ur_recent_spinal_procedure_new_pain_no_fever",
        case(57, 2, 5, sex="female", recent_infection_or_spinal_procedure=True),
        "urgent",
        "Evidence 4.3 infection row ('otherwise urgent, same day'); spinal procedures are a "
        "named epidural-abscess risk factor (4.1).",
        named=True,
    ),
    Vignette(
        "ur_feels_unwell_without_measured_fever",
        case(40, 1, 6, sex="male", feels_unwell=True),
        "urgent",
        "AMBIGUOUS -> cautious: 4.3 lists rigors and being systemically unwell as spinal "
        "infection features in their own right (fever is absent in about half, 4.1); shivering, "
        "sweaty or faint with new back pain needs a same-day check, not self-care.",
        named=True,
    ),
    Vignette(
        "ur_sudden_severe_pain_with_groin_pain_under_50",
        case(45, 0.2, 8, sex="male", sudden_severe_onset=True, abdominal_or_groin_pain=True),
        "urgent",
        "AMBIGUOUS -> cautious: below 50 the AAA rule (5.1) does not apply, but sudden severe "
        "back pain with groin pain is a non-spinal mimic (renal colic, 4.3) that needs a "
        "same-day assessment, not self-care.",
        named=True,
    ),
    Vignette(
        "ur_weakness_onset_unknown_with_sciatica",
        case(
            48,
            3,
            5,
            sex="male",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_weakness="stable",
        ),
        "urgent",
        "Changed in turn 3 (was so_stable_weakness_with_sciatica, soon): Evidence 4.6 sends a "
        "new single-leg deficit to same-day review, and an unknown onset counts as new; here: "
        "weakness in a 3-week episode with no answer on when it began.",
        named=True,
    ),
    Vignette(
        "ur_weakness_onset_unknown_without_leg_pain",
        case(67, 10, 3, sex="female", leg_weakness="stable"),
        "urgent",
        "Changed in turn 3 (was so_stable_weakness_without_leg_pain, soon): Evidence 4.6 sends a "
        "new single-leg deficit to same-day review, and an unknown onset counts as new; here: "
        "weakness in a 10-week episode with no answer on when it began.",
        named=True,
    ),
    Vignette(
        "ur_weakness_new_young_adult",
        case(22, 1, 6, sex="male", leg_weakness="stable", preferences=MANUAL),
        "urgent",
        "Changed in turn 3 (was so_stable_weakness_young_adult, soon): Evidence 4.6 sends a "
        "new single-leg deficit to same-day review, and an unknown onset counts as new; here: "
        "a 1-week episode, so the weakness began within two weeks.",
        named=True,
    ),
    Vignette(
        "ur_weakness_onset_unknown_older_smoker",
        case(56, 6, 4, sex="male", smoker=True, leg_weakness="stable"),
        "urgent",
        "Changed in turn 3 (was so_stable_weakness_older_smoker, soon): Evidence 4.6 sends a "
        "new single-leg deficit to same-day review, and an unknown onset counts as new; here: "
        "weakness in a 6-week episode with no answer on when it began.",
        named=True,
    ),
]


SOON: Final[list[Vignette]] = [
    # --- Inflammatory back pain pattern (4.4, 5.3) ---
    Vignette(
        "so_ng65_four_features_young_man",
        case(
            29,
            26,
            4,
            sex="male",
            age_at_onset=27,
            wakes_second_half_of_night=True,
            alternating_buttock_pain=True,
            better_with_movement_than_rest=True,
            better_with_anti_inflammatories=True,
        ),
        "soon",
        "Evidence 4.4/5.3: onset < 45, > 3 months, >= 4 NG65 features (onset < 35, night "
        "waking, buttock pain, better with movement, NSAID response) -> rheumatology via GP.",
        named=True,
    ),
    Vignette(
        "so_ng65_history_features_without_berlin",
        case(
            38,
            20,
            3,
            sex="female",
            age_at_onset=36,
            better_with_anti_inflammatories=True,
            conditions=["psoriasis", "family_history_spondyloarthritis", "arthritis_or_enthesitis"],
        ),
        "soon",
        "Evidence 4.4: NG65 count of 4 (psoriasis, first-degree relative, arthritis/enthesitis, "
        "NSAID response) with onset < 45 and > 3 months, no Berlin feature needed -> soon.",
        named=True,
    ),
    Vignette(
        "so_ng65_with_uveitis_and_ibd",
        case(
            27,
            30,
            5,
            sex="male",
            age_at_onset=25,
            alternating_buttock_pain=True,
            conditions=[
                "uveitis",
                "inflammatory_bowel_disease",
                "family_history_spondyloarthritis",
            ],
        ),
        "soon",
        "Evidence 4.4: onset < 35, buttock pain, family history plus extra-spinal SpA features "
        "(uveitis, IBD) -> inflammatory pattern, refer soon.",
        named=True,
    ),
    Vignette(
        "so_berlin_stiffness_and_movement",
        case(
            34, 16, 4, sex="male", morning_stiffness_minutes=60, better_with_movement_than_rest=True
        ),
        "soon",
        "Evidence 4.4 Berlin: < 50 with chronic pain and 2 of 4 (morning stiffness > 30 min, "
        "better with exercise not rest) -> 5.3 soon.",
        named=True,
    ),
    Vignette(
        "so_berlin_night_waking_and_buttock_pain",
        case(
            24,
            52,
            3,
            sex="female",
            wakes_second_half_of_night=True,
            alternating_buttock_pain=True,
        ),
        "soon",
        "Evidence 4.4 Berlin 2 of 4 (second-half night waking, alternating buttock pain).",
        named=True,
    ),
    Vignette(
        "so_berlin_in_mid_forties",
        case(
            44,
            14,
            4,
            age_at_onset=42,
            morning_stiffness_minutes=45,
            wakes_second_half_of_night=True,
        ),
        "soon",
        "Evidence 4.4: age < 50, chronic (> 12 weeks, section 6), Berlin 2 of 4.",
        named=True,
    ),
    Vignette(
        "so_ng65_exactly_three_features",
        case(
            30,
            20,
            3,
            sex="female",
            age_at_onset=28,
            better_with_anti_inflammatories=True,
            conditions=["psoriasis"],
        ),
        "soon",
        "AMBIGUOUS -> cautious: NG65 with exactly 3 features (onset < 35, NSAID response, "
        "psoriasis) says test HLA-B27 and refer if positive (4.4); only a doctor can do that, so "
        "soon.",
        named=True,
    ),
    # --- Stable neurological deficit (4.3, 5.3) ---
    # --- Long-standing two-leg pain without deficit: neurogenic claudication (5.3) ---
    Vignette(
        "so_both_legs_pain_long_standing_unchanged",
        case(
            67,
            40,
            4,
            sex="female",
            leg_pain="both_legs",
            leg_pain_below_knee=True,
            leg_symptoms_worsening=False,
            warning_symptoms_onset="stable_over_2_weeks",
        ),
        "soon",
        "Evidence 5.3 lists chronic stable neurogenic claudication as soon; BASS (4.2) makes "
        "bilateral leg pain a CES feature only when sudden or newly bilateral, and the GIRFT "
        "stable-CES list names deficits, not pain. (Changed from urgent after review.)",
        named=True,
    ),
    # --- Single malignancy features that 5.5 does not list as non-escalating ---
    Vignette(
        "so_weight_loss_alone_under_50",
        case(35, 3, 4, sex="female", unexplained_weight_loss=True),
        "soon",
        "AMBIGUOUS -> cautious: 4.3 says a single weak malignancy flag does not escalate to "
        "urgent, but 5.5's list of flags that are only named (age > 50, positional night pain, "
        "leg pain above the knee) leaves out unexplained weight loss, which deserves a GP visit "
        "in its own right. (Changed from self_care after review.)",
        named=True,
    ),
    Vignette(
        "so_constant_night_pain_alone_under_50",
        case(42, 4, 5, sex="male", constant_night_pain=True),
        "soon",
        "AMBIGUOUS -> cautious: 4.1 says do not escalate on night pain alone, but 5.5 and "
        "contract 2 restrict the named-only flag to night pain eased by changing position; "
        "constant non-mechanical night pain is the other kind. (Changed from self_care.)",
        named=True,
    ),
    # --- Persistent or severe sciatica (5.3) ---
    Vignette(
        "so_persistent_sciatica_8_weeks",
        case(
            41,
            8,
            5,
            sex="male",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_pain_worse_than_back=True,
        ),
        "soon",
        "Evidence 5.3: sciatica persisting beyond 4-6 weeks.",
        named=True,
    ),
    Vignette(
        "so_persistent_sciatica_chronic",
        case(53, 20, 4, sex="female", leg_pain="one_leg", leg_pain_below_knee=True),
        "soon",
        "Evidence 5.3: persistent sciatica (20 weeks).",
        named=True,
    ),
    Vignette(
        "so_sciatica_5_weeks",
        case(36, 5, 5, leg_pain="one_leg", leg_pain_below_knee=True),
        "soon",
        "AMBIGUOUS -> cautious: 5.3 says > 4-6 weeks; at 5 weeks take the lower bound (4).",
        named=True,
    ),
    Vignette(
        "so_severe_acute_sciatica",
        case(
            45,
            1.5,
            9,
            sex="male",
            pain_worst_week=10,
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_pain_worse_than_back=True,
            off_work_because_of_pain=True,
        ),
        "soon",
        "AMBIGUOUS -> cautious: 5.3 'severe or persistent sciatica (> 4-6 weeks, or "
        "uncontrolled)'; leg-dominant pain at 9-10/10 is severe even at 1.5 weeks.",
        named=True,
    ),
    # --- Age under 20 (5.3) ---
    Vignette(
        "so_age_16_sport_strain",
        case(16, 1, 4, sex="male", trauma="minor", preferences=DESK),
        "soon",
        "Evidence 5.3: age < 20 with structural or activity-related pain.",
        named=True,
    ),
    Vignette(
        "so_age_17_chronic",
        case(17, 14, 3, sex="female"),
        "soon",
        "Evidence 5.3: age < 20.",
        named=True,
    ),
    Vignette(
        "so_age_19_acute",
        case(19, 3, 5, sex="male"),
        "soon",
        "Evidence 5.3: age < 20 (19 is the last year below the line).",
        named=True,
    ),
    Vignette(
        "so_age_18_manual_work_lifting",
        case(18, 0.5, 6, sex="male", trauma="minor", preferences=MANUAL),
        "soon",
        "Evidence 5.3: age < 20 with activity-related pain.",
        named=True,
    ),
    # --- Failed treatment in chronic pain (5.3) ---
    Vignette(
        "so_chronic_treatment_not_helped",
        case(50, 26, 5, sex="female", treatment_not_helped=True),
        "soon",
        "Evidence 5.3: chronic pain with failure of previous treatment.",
        named=True,
    ),
    Vignette(
        "so_chronic_treatment_not_helped_off_work",
        case(
            27,
            13,
            6,
            sex="male",
            treatment_not_helped=True,
            off_work_because_of_pain=True,
            startback=SB_LOW,
        ),
        "soon",
        "Evidence 5.3: chronic (13 weeks > 12, section 6) and treatment did not help; a low "
        "STarT Back score does not lower it.",
        named=True,
    ),
    # --- STarT Back (7, 5.3) ---
    Vignette(
        "so_startback_high_acute",
        case(35, 2, 6, sex="female", startback=SB_HIGH),
        "soon",
        "Evidence 7/5.3: STarT Back high risk (distress subscale 4) at any duration.",
        named=True,
    ),
    Vignette(
        "so_startback_high_chronic",
        case(58, 30, 5, sex="male", startback=SB_HIGH),
        "soon",
        "Evidence 5.3: STarT Back high risk.",
        named=True,
    ),
    Vignette(
        "so_startback_high_via_very_bothersome",
        case(42, 1, 6, sex="female", startback=SB_HIGH_VIA_BOTHER),
        "soon",
        "Evidence 7: 'very much' bothersomeness scores, making the distress subscale 4 -> high "
        "risk -> soon (5.3), even in acute pain.",
        named=True,
    ),
    Vignette(
        "so_startback_medium_subacute",
        case(42, 8, 5, sex="male", startback=SB_MEDIUM),
        "soon",
        "Evidence 7/5.3: medium risk (total 4, subscale 1) in the subacute phase.",
        named=True,
    ),
    Vignette(
        "so_startback_medium_chronic",
        case(31, 20, 4, sex="female", startback=SB_MEDIUM_SUBSCALE_3),
        "soon",
        "Evidence 7/5.3: medium risk (total 4, subscale 3) in the chronic phase.",
        named=True,
    ),
    Vignette(
        "so_startback_medium_exactly_6_weeks",
        case(46, 6, 4, sex="male", startback=SB_MEDIUM),
        "soon",
        "Evidence 6: exactly 6 weeks is subacute; 5.3 medium risk in subacute -> soon.",
        named=True,
    ),
    Vignette(
        "so_new_one_sided_sciatica_1_week",
        case(
            34,
            1,
            6,
            sex="male",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_symptoms_worsening=True,
        ),
        "soon",
        "Changed in turn 3 (was sc_new_one_sided_sciatica_1_week, self_care): the person says "
        "the leg symptoms started or got worse in the last two weeks; issue 8 item 6 and NICE "
        "CKS sciatica: a new or worsening leg symptom in one leg gets a review within 1-2 weeks "
        "rather than self-care.",
    ),
]


SELF_CARE: Final[list[Vignette]] = [
    # --- Ordinary non-specific pain ---
    Vignette(
        "sc_acute_nonspecific_desk_worker",
        case(30, 1, 4, sex="male", preferences=DESK),
        "self_care",
        "Evidence 5.4: no red flag; acute non-specific LBP.",
        named=False,
    ),
    Vignette(
        "sc_acute_same_day",
        case(26, 0, 5, sex="female"),
        "self_care",
        "Evidence 5.4: pain started today, nothing else.",
        named=False,
    ),
    Vignette(
        "sc_subacute_nonspecific",
        case(41, 8, 3, sex="female", pain_worst_week=5),
        "self_care",
        "Evidence 5.4: subacute non-specific pain, no flags.",
        named=False,
    ),
    Vignette(
        "sc_chronic_recurrent_nonspecific",
        case(45, 52, 4, sex="male", previous_episodes=5),
        "self_care",
        "Evidence 5.4: chronic non-specific pain, no flags, no failed treatment.",
        named=False,
    ),
    Vignette(
        "sc_recurrent_flare",
        case(35, 1, 7, sex="female", previous_episodes=10, pain_worst_week=8),
        "self_care",
        "Evidence 6 (flares classed by the current episode)/5.4.",
        named=False,
    ),
    Vignette(
        "sc_chronic_high_pain_score",
        case(48, 40, 8, sex="male", pain_worst_week=9),
        "self_care",
        "Evidence 5.4: a high pain score is not a red flag.",
        named=False,
    ),
    Vignette(
        "sc_acute_pain_9_alone",
        case(33, 1, 9, sex="female", pain_worst_week=10),
        "self_care",
        "Evidence 4.1/5.4: pain intensity alone is not a red flag in acute non-specific pain.",
        named=False,
    ),
    Vignette(
        "sc_off_work_alone",
        case(39, 4, 6, sex="male", off_work_because_of_pain=True, preferences=MANUAL),
        "self_care",
        "Evidence 5.4: off work is a return-to-work issue, not a red flag.",
        named=False,
    ),
    Vignette(
        "sc_age_20_boundary",
        case(20, 2, 4, sex="male"),
        "self_care",
        "Evidence 5.3 is age < 20; at 20 ordinary pain is self-care.",
        named=False,
    ),
    Vignette(
        "sc_age_49_no_flags",
        case(49, 3, 5, sex="female"),
        "self_care",
        "Evidence 5.4/5.5: under 50, no flag of any kind.",
        named=False,
    ),
    Vignette(
        "sc_mild_fear_of_movement_noise",
        case(
            43,
            5,
            4,
            sex="female",
            outlook={"fear_of_movement": True, "bothersomeness": "moderately"},
        ),
        "self_care",
        "Evidence 5.4: one psychosocial indicator is not a red flag (outlook is not STarT Back).",
    ),
    # --- Tricky negatives ---
    Vignette(
        "sc_constipation_from_codeine",
        case(48, 2, 6, sex="male", bladder_bowel_change=False),
        "self_care",
        "Evidence 4.2: constipation from painkillers is not a CES feature "
        "(bladder_bowel_change false by definition).",
    ),
    Vignette(
        "sc_long_standing_unchanged_leakage",
        case(62, 6, 4, sex="female", previous_episodes=2, bladder_bowel_change=False),
        "self_care",
        "Contract 1: old unchanged stress leakage is not a bladder change; age > 50 is a weak "
        "flag named but not escalated (5.5).",
        named=True,
    ),
    Vignette(
        "sc_night_pain_eased_by_turning",
        case(40, 3, 5, sex="male", wakes_second_half_of_night=True, constant_night_pain=False),
        "self_care",
        "Evidence 5.5: positional night pain is a weak flag, not escalated; acute (3 weeks), "
        "so no inflammatory pattern (4.4 needs > 3 months).",
    ),
    Vignette(
        "sc_age_55_nothing_else",
        case(55, 2, 4, sex="male"),
        "self_care",
        "Evidence 4.1/5.5: age > 50 alone is named, not escalated (Henschke 2013).",
        named=True,
    ),
    Vignette(
        "sc_age_60_no_other_flag",
        case(60, 10, 3, sex="female", preferences=DESK),
        "self_care",
        "Evidence 5.5: age > 50 alone; subacute non-specific pain.",
        named=True,
    ),
    Vignette(
        "sc_smoker_alone",
        case(35, 2, 5, sex="male", smoker=True),
        "self_care",
        "Smoking is an AAA risk factor (4.3) but alone, in a 35-year-old, not a red flag.",
    ),
    Vignette(
        "sc_minor_trauma_30_no_bone_risk",
        case(30, 1, 6, sex="female", trauma="minor"),
        "self_care",
        "Evidence 4.3: minor trauma matters with osteoporosis, steroids or age > 70; a "
        "30-year-old with none of these -> self-care.",
    ),
    Vignette(
        "sc_lifting_strain_45",
        case(45, 1, 7, sex="male", trauma="minor", preferences=MANUAL),
        "self_care",
        "Evidence 4.3: lifting strain without a fragility risk factor.",
    ),
    Vignette(
        "sc_lifting_strain_66_below_70",
        case(66, 1, 5, sex="male", trauma="minor"),
        "self_care",
        "Evidence 5.2 uses age > 70 for fragility fracture; at 66 without osteoporosis or "
        "steroids, only age > 50 (weak, named, 5.5).",
        named=True,
    ),
    Vignette(
        "sc_one_leg_above_knee_2_weeks",
        case(38, 2, 5, sex="female", leg_pain="one_leg", leg_pain_below_knee=False),
        "self_care",
        "Evidence 5.5: leg pain above the knee is a low-value flag; 2 weeks is not persistent.",
    ),
    Vignette(
        "sc_sciatica_3_weeks",
        case(44, 3, 4, sex="female", leg_pain="one_leg", leg_pain_below_knee=True),
        "self_care",
        "Evidence 5.3: sciatica under 4 weeks, moderate, no deficit.",
    ),
    Vignette(
        "sc_pregnancy_back_pain",
        case(29, 4, 5, sex="female", pregnant=True, pregnancy_weeks=26),
        "self_care",
        "Pregnancy back pain without any flag (5.4); plan constraints handle pregnancy.",
        named=False,
    ),
    Vignette(
        "sc_pregnancy_pelvic_pain_into_one_thigh",
        case(
            34,
            3,
            4,
            sex="female",
            pregnant=True,
            pregnancy_weeks=32,
            leg_pain="one_leg",
            leg_pain_below_knee=False,
        ),
        "self_care",
        "Evidence 5.4/5.5: pregnancy with pain into one thigh above the knee, no flag.",
    ),
    Vignette(
        "sc_diabetic_without_fever",
        case(49, 3, 5, sex="male", conditions=["diabetes"]),
        "self_care",
        "Evidence 4.3: diabetes is an infection risk factor only together with fever or other "
        "infection signs.",
    ),
    Vignette(
        "sc_diabetic_smoker_over_60_chronic",
        case(63, 15, 4, sex="male", smoker=True, conditions=["diabetes", "heart_condition"]),
        "self_care",
        "Evidence 5.5: age > 50 named; diabetes and smoking without fever or AAA features do "
        "not escalate.",
        named=True,
    ),
    Vignette(
        "sc_hip_replacement_and_heart_condition",
        case(65, 10, 4, sex="female", conditions=["hip_replacement", "heart_condition"]),
        "self_care",
        "Plan-constraint conditions are not red flags; age > 50 named (5.5).",
        named=True,
    ),
    Vignette(
        "sc_anticoagulated_no_trauma",
        case(52, 4, 4, sex="male", conditions=["anticoagulated"]),
        "self_care",
        "Evidence 4.5: anticoagulation restricts manipulation, not triage; age > 50 named.",
        named=True,
    ),
    Vignette(
        "sc_thoracic_pain_alone_young",
        case(27, 2, 4, sex="female", thoracic_pain=True, preferences=DESK),
        "self_care",
        "Evidence 4.3: thoracic pain matters with cancer history; alone in a 27-year-old it does "
        "not escalate.",
    ),
    Vignette(
        "sc_startback_low_chronic",
        case(47, 20, 4, sex="female", startback=SB_LOW),
        "self_care",
        "Evidence 7/5.4: STarT Back low risk, chronic, no flags.",
        named=False,
    ),
    Vignette(
        "sc_startback_medium_acute",
        case(37, 3, 5, sex="male", startback=SB_MEDIUM),
        "self_care",
        "Evidence 5.3 escalates medium risk only in the subacute or chronic phase; 3 weeks is "
        "acute under both the 4- and 6-week conventions (6).",
    ),
    Vignette(
        "sc_startback_medium_subscale_3_acute",
        case(28, 2, 5, sex="female", startback=SB_MEDIUM_SUBSCALE_3),
        "self_care",
        "Evidence 7: subscale 3 with 'moderately' is medium, not high; acute -> self-care.",
    ),
    Vignette(
        "sc_treatment_not_helped_acute",
        case(32, 3, 5, sex="male", treatment_not_helped=True),
        "self_care",
        "Evidence 5.3: failed treatment escalates in chronic pain; at 3 weeks it does not.",
    ),
    Vignette(
        "sc_sciatica_with_foot_pins_and_needles_3_weeks",
        case(
            39,
            3,
            5,
            sex="female",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            numbness=["foot"],
        ),
        "self_care",
        "Evidence 5.3: one-sided sciatica under 4 weeks, not severe; the numbness answer "
        "includes pins and needles, which is part of radicular pain, and the 4.3 'stable mild "
        "deficit -> soon' row is about motor deficit (none here). (Changed from soon after "
        "review.)",
    ),
    # --- Inflammatory-looking features that do not meet the criteria (4.4) ---
    Vignette(
        "sc_inflammatory_features_but_acute",
        case(
            28,
            2,
            5,
            sex="male",
            morning_stiffness_minutes=60,
            better_with_movement_than_rest=True,
            wakes_second_half_of_night=True,
        ),
        "self_care",
        "Evidence 4.4: NG65 needs > 3 months, Berlin needs chronic pain; a first 2-week episode "
        "is not an inflammatory pattern yet.",
    ),
    Vignette(
        "sc_single_berlin_feature_chronic",
        case(33, 20, 4, sex="female", morning_stiffness_minutes=45),
        "self_care",
        "Evidence 4.4: one Berlin feature (stiffness > 30 min) is not 2 of 4.",
    ),
    Vignette(
        "sc_morning_stiffness_exactly_30_minutes",
        case(
            36,
            16,
            4,
            sex="male",
            morning_stiffness_minutes=30,
            better_with_movement_than_rest=True,
        ),
        "self_care",
        "Evidence 4.4 Berlin: stiffness must be > 30 min; 30 min plus better with movement is "
        "only 1 of 4 (and 1 NG65 feature).",
    ),
    Vignette(
        "sc_psoriasis_only_chronic",
        case(31, 20, 3, sex="female", conditions=["psoriasis"]),
        "self_care",
        "Evidence 4.4: do not rule SpA in on a single feature; one NG65 feature.",
    ),
    Vignette(
        "sc_inflammatory_features_onset_after_50",
        case(
            56,
            20,
            4,
            sex="male",
            age_at_onset=55,
            morning_stiffness_minutes=60,
            better_with_movement_than_rest=True,
            wakes_second_half_of_night=True,
        ),
        "self_care",
        "Evidence 4.4: NG65 needs onset < 45, Berlin applies under 50; onset at 55 -> not an "
        "inflammatory pattern; age > 50 named (5.5).",
        named=True,
    ),
    Vignette(
        "sc_sudden_onset_young_no_other_feature",
        case(35, 0.3, 7, sex="male", sudden_severe_onset=True),
        "self_care",
        "Evidence 5.1: the AAA pattern needs age > 50 plus abdominal pain or faintness; a "
        "35-year-old whose back 'went' suddenly has ordinary acute pain.",
    ),
]


# --- Turn 3: the under- and over-triage patterns of issue 8 items 1-6 ---
# Expected levels written by hand from the sources named in each ``why`` (clinical evidence
# section 4.6 and the references cited there), before the rules were checked against them.
PREG: Final = {"sex": "female", "pregnant": True}

UNDER_TRIAGE_TURN3: Final[list[Vignette]] = [
    # Item 1: bleeding risk
    Vignette(
        "em_warfarin_sudden_severe_pain_with_leg_numbness",
        case(
            68,
            0.1,
            9,
            sex="male",
            conditions=["anticoagulated"],
            sudden_severe_onset=True,
            numbness=["leg"],
        ),
        "emergency",
        "Stetkarova 2021 / SEH reviews: sudden severe back pain then a deficit in someone on an "
        "anticoagulant is a spinal epidural haematoma until shown otherwise; decompression "
        "within hours decides recovery.",
        named=True,
    ),
    Vignette(
        "em_haemophilia_sudden_pain_with_new_leg_weakness",
        case(
            35,
            0.2,
            8,
            sex="male",
            conditions=["bleeding_disorder"],
            sudden_severe_onset=True,
            leg_weakness="stable",
            weakness_onset="last_two_weeks",
        ),
        "emergency",
        "Evidence 4.6: bleeding disorder + sudden severe pain + new leg weakness -> emergency.",
        named=True,
    ),
    Vignette(
        "ur_rivaroxaban_sudden_severe_pain_no_deficit",
        case(
            45,
            0.3,
            8,
            sex="female",
            conditions=["anticoagulated", "blood_clot_history"],
            sudden_severe_onset=True,
        ),
        "urgent",
        "Evidence 4.6 / NICE CKS anticoagulation: a bleed must be excluded the same day even "
        "without a deficit; under 50 no vascular rule applies, so this is the bleeding risk.",
        named=True,
    ),
    Vignette(
        "ur_bleeding_disorder_sudden_pain_young_adult",
        case(28, 0.1, 7, sex="male", conditions=["bleeding_disorder"], sudden_severe_onset=True),
        "urgent",
        "Evidence 4.6: bleeding disorder with sudden severe back pain -> same-day assessment.",
        named=True,
    ),
    Vignette(
        "sc_anticoagulated_gradual_mild_pain",
        case(55, 3, 3, sex="female", conditions=["anticoagulated"], preferences=DESK),
        "self_care",
        "A blood thinner alone is not a red flag: gradual, mild pain without a sudden onset or "
        "nerve symptoms is everyday back pain (age over 50 named only).",
        named=True,
    ),
    # Item 2: aneurysm without a sudden onset
    Vignette(
        "ur_older_male_smoker_back_and_tummy_pain_gradual",
        case(68, 2, 5, sex="male", smoker=True, abdominal_or_groin_pain=True),
        "urgent",
        "NICE NG156 risk factors (male, smoker, over 66) with new back and abdominal pain: a "
        "symptomatic aneurysm must be excluded the same day even with a gradual onset.",
        named=True,
    ),
    Vignette(
        "ur_older_woman_hypertension_side_pain",
        case(71, 1, 5, sex="female", conditions=["high_blood_pressure"], flank_pain=True),
        "urgent",
        "NG156: women of 70 or over with hypertension are at risk; flank pain over 55 is an "
        "aneurysm until proved otherwise (Devon vascular guidance).",
        named=True,
    ),
    Vignette(
        "ur_first_kidney_stone_like_pain_at_60",
        case(60, 0.3, 6, sex="female", flank_pain=True),
        "urgent",
        "Devon vascular referral guidance: a first episode of 'renal colic' over 55 is a "
        "ruptured AAA until proved otherwise; renal colic is its commonest misdiagnosis.",
        named=True,
    ),
    Vignette(
        "em_sudden_severe_side_pain_over_50",
        case(64, 0.05, 9, sex="male", sudden_severe_onset=True, flank_pain=True),
        "emergency",
        "NG156 / BNSSG: sudden severe back and loin pain over 50 -> suspected rupture, 999.",
        named=True,
    ),
    Vignette(
        "em_faint_with_groin_pain_over_50_gradual_onset",
        case(71, 0.5, 6, sex="male", feels_unwell=True, abdominal_or_groin_pain=True),
        "emergency",
        "Evidence 4.6: faintness or collapse with back and abdominal or groin pain over 50 -> "
        "emergency, even when the pain came on gradually.",
        named=True,
    ),
    Vignette(
        "sc_mild_side_ache_at_40_gradual",
        case(40, 1, 3, sex="female", flank_pain=True, preferences=DESK),
        "self_care",
        "Aneurysm is rare under 50 and the 'first renal colic' warning is over 55; a mild, "
        "gradual side ache at 40 with no fever, urinary or sudden features is self-care with "
        "safety-netting.",
        named=False,
    ),
    Vignette(
        "sc_older_male_smoker_back_pain_only",
        case(66, 3, 4, sex="male", smoker=True, preferences=DESK),
        "self_care",
        "Aneurysm risk factors without abdominal, groin or flank pain or a sudden onset do not "
        "escalate ordinary back pain (age over 50 named only).",
        named=True,
    ),
    # Item 3: pregnancy
    Vignette(
        "em_pregnant_back_pain_with_regular_tightening",
        case(
            29, 0.3, 6, **PREG, pregnancy_weeks=32, pregnancy_warning_signs=["tightening_or_cramps"]
        ),
        "emergency",
        "NHS back pain in pregnancy / Tommy's: back pain with regular tightening can be preterm "
        "labour -> contact the maternity unit now.",
        named=True,
    ),
    Vignette(
        "em_pregnant_back_pain_baby_moving_less",
        case(
            33, 1, 4, **PREG, pregnancy_weeks=30, pregnancy_warning_signs=["reduced_baby_movements"]
        ),
        "emergency",
        "Tommy's / UHB: reduced baby movements -> maternity unit straight away, not tomorrow.",
        named=True,
    ),
    Vignette(
        "em_pregnant_fluid_leaking",
        case(27, 0.5, 4, **PREG, pregnancy_weeks=34, pregnancy_warning_signs=["fluid_leaking"]),
        "emergency",
        "UHB / Tommy's: waters breaking or leaking fluid -> contact the maternity unit.",
        named=True,
    ),
    Vignette(
        "em_pregnant_bleeding_at_12_weeks",
        case(31, 0.2, 5, **PREG, pregnancy_weeks=12, pregnancy_warning_signs=["vaginal_bleeding"]),
        "emergency",
        "Bleeding with back or tummy pain in pregnancy needs the maternity (early pregnancy) "
        "team now; heavy bleeding is a 999 call (UHB, STW bleeding in pregnancy).",
        named=True,
    ),
    Vignette(
        "em_pregnant_burning_when_peeing_with_back_pain",
        case(
            26, 0.4, 5, **PREG, pregnancy_weeks=24, pregnancy_warning_signs=["burning_when_peeing"]
        ),
        "emergency",
        "UHB / Tommy's list: painful urination in pregnancy -> contact the maternity unit "
        "(possible kidney infection); the cautious reading of the sources is taken.",
        named=True,
    ),
    Vignette(
        "em_pregnant_severe_pain_under_the_ribs",
        case(35, 0.1, 7, **PREG, pregnancy_weeks=36, pregnancy_warning_signs=["pain_under_ribs"]),
        "emergency",
        "Action on Pre-eclampsia / NHS: severe pain just below the ribs after 20 weeks can be "
        "pre-eclampsia -> seek advice immediately.",
        named=True,
    ),
    Vignette(
        "sc_pregnant_pelvic_girdle_pain_no_warning_sign",
        case(30, 6, 5, **PREG, pregnancy_weeks=28, pelvic_girdle_pain=True),
        "self_care",
        "RCOG / POGP: pelvic girdle pain is common, harmless to the baby and treated by a "
        "physiotherapist; without warning signs it is self-care with a referral.",
        named=False,
    ),
    Vignette(
        "so_pregnant_peeing_more_often_without_fever",
        case(28, 2, 3, **PREG, pregnancy_weeks=22, urinary_burning_or_frequency=True),
        "soon",
        "Frequent or stinging urination without fever: a urine check with the GP or midwife "
        "(Evidence 4.3 urinary row); the intake cannot tell frequency from burning here.",
        named=True,
    ),
    # Item 4: motor deficit, when and how much
    Vignette(
        "em_new_foot_drop_not_getting_worse",
        case(
            45,
            1,
            6,
            sex="male",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_weakness="stable",
            weakness_onset="last_two_weeks",
            weakness_signs=["foot_drops_or_catches"],
        ),
        "emergency",
        "Evidence 4.3/4.6: a new major motor deficit (foot drop) is an emergency in the national "
        "pathway even when it is not progressing.",
        named=True,
    ),
    Vignette(
        "em_weakness_in_both_legs_onset_not_known",
        case(52, 5, 5, sex="female", leg_weakness="stable", weakness_signs=["both_legs"]),
        "emergency",
        "GIRFT 2023: motor deficit in both legs is a CES feature; the onset is unknown, so it "
        "counts as new -> emergency.",
        named=True,
    ),
    Vignette(
        "ur_new_mild_weakness_in_one_leg",
        case(
            38,
            1.5,
            5,
            sex="female",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_weakness="stable",
            weakness_onset="last_two_weeks",
        ),
        "urgent",
        "Evidence 4.6: a new single-root deficit without the major signs -> same-day review.",
        named=True,
    ),
    Vignette(
        "so_long_standing_mild_weakness_in_one_leg",
        case(60, 20, 3, sex="male", leg_weakness="stable", weakness_onset="longer_ago"),
        "soon",
        "Evidence 4.3/4.6: long-standing stable mild deficit -> early assessment (soon).",
        named=True,
    ),
    Vignette(
        "so_foot_drop_unchanged_for_a_year",
        case(
            58,
            60,
            3,
            sex="male",
            leg_pain="one_leg",
            leg_weakness="stable",
            weakness_onset="longer_ago",
            weakness_signs=["foot_drops_or_catches"],
        ),
        "soon",
        "AMBIGUOUS -> reasoned: the pathway's emergency is for a new or progressing major "
        "deficit; a foot drop unchanged for a year needs specialist review within weeks, not "
        "the emergency department.",
        named=True,
    ),
    Vignette(
        "ur_long_standing_weakness_in_both_legs",
        case(
            70,
            30,
            4,
            sex="female",
            leg_weakness="stable",
            weakness_onset="longer_ago",
            weakness_signs=["both_legs"],
        ),
        "urgent",
        "GIRFT: stable CES features for more than 14 days -> urgent review and imaging rather "
        "than the emergency department; weakness in both legs is one of them.",
        named=True,
    ),
    # Item 5: cannot walk, or severe pain that nothing eases
    Vignette(
        "ur_cannot_stand_or_walk_without_injury",
        case(50, 0.5, 8, sex="female", unable_to_walk_or_bear_weight=True),
        "urgent",
        "Evidence 4.6: cannot bear weight without an injury -> serious cause not yet excluded, "
        "same-day review.",
        named=True,
    ),
    Vignette(
        "ur_severe_pain_that_nothing_eases",
        case(42, 1, 9, sex="male", pain_unrelenting=True),
        "urgent",
        "Evidence 4.6 / NG234: severe unremitting pain not eased by rest, position or simple "
        "measures -> same-day review.",
        named=True,
    ),
    Vignette(
        "sc_severe_pain_eased_by_lying_down",
        case(35, 1, 8, sex="female", preferences=DESK),
        "self_care",
        "Pain intensity alone is not a red flag (Evidence 5.4) when rest or position ease it.",
        named=False,
    ),
    # Item 6: long-standing unchanged pain gets a timely GP review, new or changed pain escalates
    Vignette(
        "so_known_aneurysm_years_of_unchanged_mild_pain",
        case(
            74,
            150,
            3,
            sex="male",
            conditions=["aortic_aneurysm"],
            pain_worst_week=3,
            pain_course="same_or_easing",
        ),
        "soon",
        "Evidence 4.6: known aneurysm with years of unchanged mild back pain -> GP review, not "
        "the emergency department; a symptomatic aneurysm gives new pain.",
        named=True,
    ),
    Vignette(
        "em_known_aneurysm_pain_has_changed",
        case(
            74,
            150,
            5,
            sex="male",
            conditions=["aortic_aneurysm"],
            pain_worst_week=6,
            pain_course="new_or_worse",
        ),
        "emergency",
        "NG156 / NHS Lothian: known aneurysm with new or changed back pain -> emergency.",
        named=True,
    ),
    Vignette(
        "so_cancer_ten_years_ago_back_pain_unchanged_for_months",
        case(
            62,
            40,
            4,
            sex="female",
            cancer_history=True,
            pain_worst_week=5,
            pain_course="same_or_easing",
        ),
        "soon",
        "Evidence 4.6 / NG234: long-standing unchanged pain without NG234's worrying features "
        "(new, progressive, thoracic, nocturnal, unremitting) -> timely GP review.",
        named=True,
    ),
    Vignette(
        "ur_cancer_in_the_past_unchanged_pain_but_pain_all_night",
        case(
            62,
            40,
            4,
            sex="female",
            cancer_history=True,
            pain_worst_week=5,
            pain_course="same_or_easing",
            constant_night_pain=True,
        ),
        "urgent",
        "NG234: nocturnal pain in someone who has had cancer suggests metastasis -> 24 h.",
        named=True,
    ),
    Vignette(
        "so_osteoporosis_three_weeks_of_mild_pain_no_fall",
        case(
            68,
            3,
            3,
            sex="female",
            osteoporosis=True,
            pain_worst_week=3,
            pain_course="same_or_easing",
        ),
        "soon",
        "Evidence 4.6: osteoporosis with weeks of mild pain and no new event (no fall, no "
        "sudden onset) -> GP review for bone health, not same-day.",
        named=True,
    ),
    Vignette(
        "ur_osteoporosis_mild_pain_getting_worse",
        case(
            68,
            3,
            3,
            sex="female",
            osteoporosis=True,
            pain_worst_week=4,
            pain_course="new_or_worse",
        ),
        "urgent",
        "Evidence 4.3/5.2: new or worsening pain with osteoporosis is a suspected fragility "
        "fracture -> same day.",
        named=True,
    ),
    Vignette(
        "so_one_leg_sciatica_spreading_below_the_knee",
        case(
            39,
            3,
            5,
            sex="male",
            leg_pain="one_leg",
            leg_pain_below_knee=True,
            leg_symptoms_worsening=True,
        ),
        "soon",
        "Issue 8 item 6 / NICE CKS sciatica: a spreading or worsening leg symptom in one leg is "
        "reviewed within 1-2 weeks, not left to self-care.",
        named=True,
    ),
]


VIGNETTES: Final[list[Vignette]] = EMERGENCY + URGENT + SOON + SELF_CARE + UNDER_TRIAGE_TURN3
