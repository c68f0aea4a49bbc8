"""The wizard's rules on plain answers: which steps apply, checking, and when to stop."""

from __future__ import annotations

from backcare.domain.plan_model import TriageResult
from backcare.knowledge.loader import Knowledge
from backcare.web.intake_flow import (
    PLEASE_ANSWER,
    apply_step,
    final_records,
    load_answers,
    must_stop,
    provisional_triage,
)
from backcare.web.wizard import STEPS, next_step, position, step_by_id


def step(step_id: str):  # type: ignore[no-untyped-def]
    found = step_by_id(step_id)
    assert found is not None
    return found


def test_warning_steps_come_before_everything_else() -> None:
    warning = [s.warning for s in STEPS]
    assert warning == sorted(warning, reverse=True)
    assert STEPS[0].warning


def test_the_onset_question_only_follows_a_cauda_equina_feature() -> None:
    assert next_step(step("bladder"), {"bladder_bowel_change": False}) == step("legs")
    assert next_step(step("bladder"), {"numbness": ["saddle"]}) == step("onset")
    assert next_step(step("bladder"), {"numbness": ["foot"]}) == step("legs")


def test_leg_detail_only_with_leg_pain() -> None:
    assert step("leg-detail") not in {next_step(step("pregnancy-detail"), {"leg_pain": "none"})}
    assert next_step(step("pregnancy-detail"), {"leg_pain": "one_leg"}) == step("leg-detail")


def test_position_counts_only_steps_that_apply() -> None:
    number, total = position(step("legs"), {})
    assert number == 2
    assert total == len(STEPS) - 3  # no onset, pregnancy-detail or leg-detail questions


def test_nested_answers_go_under_their_section() -> None:
    form = {"preferences.days_per_week": ["3"], "preferences.equipment": ["mat", "towel"]}
    outcome = apply_step(step("preferences"), form, {})
    assert outcome.errors == {}
    assert outcome.answers["preferences"] == {
        "days_per_week": "3",
        "equipment": ["mat", "towel"],
        "activities": [],
    }


def test_a_preference_out_of_range_is_named() -> None:
    outcome = apply_step(step("preferences"), {"preferences.days_per_week": ["9"]}, {})
    assert set(outcome.errors) == {"preferences.days_per_week"}


def test_warning_questions_must_be_answered() -> None:
    outcome = apply_step(step("legs"), {"leg_weakness": ["none"]}, {})
    assert outcome.errors == {
        "leg_pain": PLEASE_ANSWER,
        "leg_symptoms_worsening": PLEASE_ANSWER,
    }


def test_other_yes_no_questions_may_be_left_to_their_default() -> None:
    assert apply_step(step("health"), {}, {}).errors == {}


def test_provisional_triage_sees_an_emergency_from_warning_answers_alone(
    knowledge: Knowledge,
) -> None:
    result = provisional_triage({"numbness": ["saddle"]}, knowledge)
    assert result is not None
    assert result.level == "emergency"


def test_calm_warning_answers_do_not_stop(knowledge: Knowledge) -> None:
    result = provisional_triage({"fever": False}, knowledge)
    assert not must_stop(result, "")


def test_a_level_already_shown_does_not_stop_again_but_a_worse_one_does(
    knowledge: Knowledge,
) -> None:
    emergency = provisional_triage({"numbness": ["saddle"]}, knowledge)
    assert isinstance(emergency, TriageResult)
    assert must_stop(emergency, "")
    assert not must_stop(emergency, "emergency")
    assert must_stop(emergency, "urgent")
    assert must_stop(emergency, "nonsense")


def test_final_records_keep_the_name_out_of_the_intake() -> None:
    answers = {"age": "40", "duration_weeks": "3", "pain_now": "5", "display_name": "Jo"}
    patient, intake = final_records(answers)
    assert patient.display_name == "Jo"
    assert intake.age == 40


def test_carried_answers_that_are_not_an_object_are_ignored() -> None:
    assert load_answers("[1, 2]") == {}
    assert load_answers(None) == {}
