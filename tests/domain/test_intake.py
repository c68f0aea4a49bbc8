"""The intake contract: unknown fields rejected, ranges checked, every field has a question."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from backcare.domain.intake import (
    CONDITION_QUESTIONS,
    Condition,
    Intake,
    Mobility,
    Outlook,
    Preferences,
)

BASE: dict[str, Any] = {"age": 40, "duration_weeks": 3, "pain_now": 5}


def test_a_minimal_intake_is_valid_with_safe_defaults() -> None:
    intake = Intake.model_validate(BASE)
    assert intake.leg_pain.value == "none"
    assert intake.warning_symptoms_onset.value == ("new_or_worsening")
    assert intake.preferences.minutes_per_day == 30
    assert intake.preferences.days_per_week == 5


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"age": 15}, "age"),
        ({"pain_now": 11}, "pain_now"),
        ({"duration_weeks": -1}, "duration_weeks"),
        ({"pain_worst_week": 3}, "pain_worst_week"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"numbness": ["elbow"]}, "numbness"),
        ({"preferences": {"minutes_per_day": 500}}, "minutes_per_day"),
        ({"pregnancy_weeks": 20}, "pregnancy_weeks"),
        ({"sex": "male", "pregnant": True}, "pregnant"),
        ({"pregnancy_warning_signs": ["vaginal_bleeding"]}, "pregnancy_warning_signs"),
        ({"weakness_onset": "yesterday"}, "weakness_onset"),
        ({"weakness_signs": ["limp"]}, "weakness_signs"),
        ({"pain_course": "unknown"}, "pain_course"),
    ],
)
def test_bad_input_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Intake.model_validate({**BASE, **changes})
    assert field in str(caught.value)


def test_under_16_is_refused_with_advice_to_see_a_doctor() -> None:
    with pytest.raises(ValidationError, match="doctor"):
        Intake.model_validate({**BASE, "age": 12})


@pytest.mark.parametrize("model", [Intake, Outlook, Preferences, Mobility])
def test_every_answerable_field_has_a_plain_question(model: Any) -> None:
    nested = {"startback", "outlook", "preferences", "conditions", "mobility"}
    for name, field in model.model_fields.items():
        if name in nested:
            continue
        extra = field.json_schema_extra or {}
        assert extra.get("question", "").strip(), name
        assert field.description, name


def test_every_condition_has_a_question_and_no_jargon() -> None:
    assert set(CONDITION_QUESTIONS) == set(Condition)
    questions = " ".join(
        Intake.model_json_schema()["properties"][f]["question"]
        for f in ("numbness", "bladder_bowel_change")
    )
    for jargon in ("saddle anaesthesia", "cauda equina", "perineal", "incontinence"):
        assert jargon not in questions.lower()


def test_unknown_pregnancy_weeks_are_treated_as_late_pregnancy() -> None:
    assert Intake.model_validate({**BASE, "pregnant": True}).late_pregnancy
    early = Intake.model_validate({**BASE, "pregnant": True, "pregnancy_weeks": 12})
    assert not early.late_pregnancy


TURN3_FIELDS = (
    "flank_pain",
    "pregnancy_warning_signs",
    "pelvic_girdle_pain",
    "weakness_onset",
    "weakness_signs",
    "pain_unrelenting",
    "pain_course",
)
JARGON = (
    "flank",
    "haematoma",
    "hematoma",
    "anticoagula",
    "radicul",
    "contraction",
    "membrane",
    "fetal",
    "foetal",
    "pre-eclampsia",
    "epigastric",
    "pyelonephritis",
    "dorsiflex",
    "plantarflex",
    "symphysis",
    "unremitting",
    "intractable",
    "renal",
    "aneurysm",
)


def test_turn3_questions_are_plain_words_without_clinical_jargon() -> None:
    properties = Intake.model_json_schema()["properties"]
    for name in TURN3_FIELDS:
        question = properties[name]["question"].lower()
        assert [word for word in JARGON if word in question] == [], name


def test_new_conditions_explain_themselves_in_plain_words() -> None:
    vascular = CONDITION_QUESTIONS[Condition.vascular_disease].lower()
    family = CONDITION_QUESTIONS[Condition.family_history_aneurysm].lower()
    assert "heart attack" in vascular
    assert "stroke" in vascular
    assert "swelling of the main artery in the tummy" in family


def test_missing_turn3_answers_default_to_the_cautious_reading() -> None:
    intake = Intake.model_validate(BASE)
    assert intake.pain_course.value == "new_or_worse"
    assert intake.weakness_onset is None  # read as new by the rules
    assert intake.weakness_signs == []
    assert intake.pregnancy_warning_signs == []


def test_the_mobility_profile_defaults_to_no_restriction_and_rejects_unknown_answers() -> None:
    intake = Intake.model_validate(BASE)
    assert intake.mobility == Mobility()
    assert not intake.mobility.wheelchair_user
    with pytest.raises(ValidationError, match="mobility"):
        Intake.model_validate({**BASE, "mobility": {"uses_crutches": True}})


def test_body_mass_index_needs_both_height_and_weight() -> None:
    assert Intake.model_validate({**BASE, "weight_kg": 90}).body_mass_index is None
    both = Intake.model_validate({**BASE, "height_cm": 180, "weight_kg": 81})
    assert both.body_mass_index == pytest.approx(25.0)


@pytest.mark.parametrize(("field", "value"), [("height_cm", 40), ("weight_kg", 500)])
def test_impossible_height_or_weight_names_the_field(field: str, value: int) -> None:
    with pytest.raises(ValidationError, match=field):
        Intake.model_validate({**BASE, field: value})
