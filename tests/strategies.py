"""Hypothesis strategies that generate valid intakes across the whole contract."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from backcare.domain.intake import (
    Activity,
    Bother,
    Condition,
    Equipment,
    LegPain,
    Numbness,
    Onset,
    PainCourse,
    PregnancySign,
    Trauma,
    Weakness,
    WeaknessOnset,
    WeaknessSign,
    Work,
)

WARNING_BOOLEANS = (
    "leg_pain_below_knee",
    "leg_pain_worse_than_back",
    "leg_symptoms_worsening",
    "bladder_bowel_change",
    "sexual_function_change",
    "fever",
    "feels_unwell",
    "urinary_burning_or_frequency",
    "iv_drug_use",
    "immunosuppressed",
    "recent_infection_or_spinal_procedure",
    "cancer_history",
    "unexplained_weight_loss",
    "constant_night_pain",
    "thoracic_pain",
    "osteoporosis",
    "long_term_steroids",
    "unable_to_walk_or_bear_weight",
    "sudden_severe_onset",
    "abdominal_or_groin_pain",
    "better_with_movement_than_rest",
    "wakes_second_half_of_night",
    "alternating_buttock_pain",
    "better_with_anti_inflammatories",
    "treatment_not_helped",
    "off_work_because_of_pain",
    "flank_pain",
    "pain_unrelenting",
    "smoker",
)


def _values(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in enum])


def _subset(enum: Any) -> st.SearchStrategy[list[str]]:
    return st.lists(_values(enum), unique=True)


@st.composite
def preferences(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "minutes_per_day": draw(st.integers(5, 120)),
        "days_per_week": draw(st.integers(1, 7)),
        "equipment": draw(_subset(Equipment)),
        "partner_available": draw(st.booleans()),
        "activities": draw(_subset(Activity)),
        "work": draw(st.none() | _values(Work)),
    }


@st.composite
def startback(draw: st.DrawFn) -> dict[str, Any]:
    keys = (
        "leg_pain",
        "shoulder_neck_pain",
        "walked_short_distances",
        "dressed_slowly",
        "not_safe_to_be_active",
        "worrying_thoughts",
        "terrible_never_better",
        "not_enjoyed_things",
    )
    answers: dict[str, Any] = {key: draw(st.booleans()) for key in keys}
    answers["bothersomeness"] = draw(_values(Bother))
    return answers


@st.composite
def mobility(draw: st.DrawFn) -> dict[str, bool]:
    """The mobility profile: each answer yes about one time in four."""
    keys = ("wheelchair_user", "cannot_get_to_floor", "balance_problems")
    return {key: draw(st.integers(0, 3)) == 0 for key in keys}


@st.composite
def outlook(draw: st.DrawFn) -> dict[str, Any]:
    """Backcare's own psychosocial questions."""
    answers: dict[str, Any] = {
        key: draw(st.booleans()) for key in ("fear_of_movement", "worry", "low_mood")
    }
    answers["bothersomeness"] = draw(_values(Bother))
    return answers


@st.composite
def body_and_habits(draw: st.DrawFn) -> dict[str, Any]:
    """Mobility, outlook, height and weight, smoking: the answers that shape the plan's content."""
    data: dict[str, Any] = {"mobility": draw(mobility()), "smoker": draw(st.booleans())}
    if draw(st.booleans()):
        data["outlook"] = draw(outlook())
    if draw(st.booleans()):
        data["height_cm"] = draw(st.integers(140, 200))
        data["weight_kg"] = draw(st.integers(45, 140))
    return data


@st.composite
def intakes(draw: st.DrawFn, *, warnings: bool = True) -> dict[str, Any]:
    """A valid intake; with warnings=False every warning answer is left at its default."""
    pain_now = draw(st.integers(0, 10))
    sex = draw(st.none() | st.sampled_from(["female", "male", "other"]))
    data: dict[str, Any] = {
        "age": draw(st.integers(16, 100)),
        "duration_weeks": draw(st.floats(0, 300, allow_nan=False).map(lambda w: round(w, 1))),
        "pain_now": pain_now,
        "pain_worst_week": draw(st.none() | st.integers(pain_now, 10)),
        "preferences": draw(preferences()),
        "previous_episodes": draw(st.integers(0, 5)),
    }
    if sex is not None:
        data["sex"] = sex
    if sex != "male" and draw(st.booleans()):
        data["pregnant"] = True
        data["pregnancy_weeks"] = draw(st.none() | st.integers(1, 40))
        data["pelvic_girdle_pain"] = draw(st.booleans())
    data["conditions"] = draw(_subset(Condition))
    if draw(st.booleans()):
        data["startback"] = draw(startback())
    data.update(draw(body_and_habits()))
    if not warnings:
        return data
    for name in WARNING_BOOLEANS:
        if draw(st.integers(0, 5)) == 0:
            data[name] = True
    data["numbness"] = draw(st.lists(_values(Numbness), unique=True, max_size=2))
    data["leg_pain"] = draw(_values(LegPain))
    data["leg_weakness"] = draw(_values(Weakness))
    data["trauma"] = draw(_values(Trauma))
    data["warning_symptoms_onset"] = draw(_values(Onset))
    data["morning_stiffness_minutes"] = draw(st.sampled_from([0, 15, 45, 90]))
    data["weakness_signs"] = draw(st.lists(_values(WeaknessSign), unique=True, max_size=2))
    data["pain_course"] = draw(_values(PainCourse))
    if draw(st.booleans()):
        data["weakness_onset"] = draw(_values(WeaknessOnset))
    if data.get("pregnant"):
        signs = st.lists(_values(PregnancySign), unique=True, max_size=2)
        data["pregnancy_warning_signs"] = draw(signs)
    return data
