"""The clinician view: which de-escalation was weighed, which parts held, which rule stands."""

from __future__ import annotations

from typing import Any

from backcare.domain.clinician import clinician_view
from backcare.domain.intake import Intake
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge

CANCER_STABLE: dict[str, Any] = {
    "age": 60,
    "cancer_history": True,
    "duration_weeks": 30,
    "pain_now": 4,
    "pain_worst_week": 5,
    "pain_course": "same_or_easing",
}


def _view(knowledge: Knowledge, **answers: Any) -> Any:
    return clinician_view(Intake.model_validate(answers), knowledge)


def test_an_applied_de_escalation_names_both_rules_and_every_part(knowledge: Knowledge) -> None:
    view = _view(knowledge, **CANCER_STABLE)
    (note,) = view.de_escalations
    assert view.level == Level.soon
    assert (note.rule, note.instead, note.applied) == ("RF-021", "RF-054", True)
    assert "RF-054" in {rule.id for rule in view.rules}
    assert "RF-021" not in {rule.id for rule in view.rules}


def test_a_de_escalation_that_fails_says_which_part_failed(knowledge: Knowledge) -> None:
    view = _view(knowledge, **{**CANCER_STABLE, "thoracic_pain": True})
    (note,) = view.de_escalations
    failed = [part.part for part in note.parts if not part.holds]
    assert failed == ["no_serious_feature"]
    assert not note.applied
    assert note.summary.endswith("RF-021 stands.")
    assert view.level == Level.urgent


def test_a_missing_answer_is_shown_as_the_part_that_did_not_hold(knowledge: Knowledge) -> None:
    answers = {k: v for k, v in CANCER_STABLE.items() if k != "pain_worst_week"}
    (note,) = _view(knowledge, **answers).de_escalations
    assert [p.part for p in note.parts if not p.holds] == ["not_severe_pain_this_week"]


def test_osteoporosis_outside_a_new_episode_says_the_higher_rule_does_not_fire_either(
    knowledge: Knowledge,
) -> None:
    view = _view(knowledge, age=66, osteoporosis=True, duration_weeks=30, pain_now=2)
    (note,) = view.de_escalations
    assert (note.rule, note.applied) == ("RF-024", False)
    assert note.summary.endswith("RF-024 does not fire either.")


def test_no_de_escalation_is_shown_when_its_subject_does_not_apply(knowledge: Knowledge) -> None:
    assert _view(knowledge, age=40, duration_weeks=3, pain_now=5).de_escalations == []


def test_answers_read_are_the_values_the_rule_saw(knowledge: Knowledge) -> None:
    view = _view(knowledge, age=58, duration_weeks=1, pain_now=7, flank_pain=True)
    rule = next(r for r in view.rules if r.code == "kidney_stone_like_pain_over_55")
    assert rule.answers == {"flank_pain": True, "age": 58}
