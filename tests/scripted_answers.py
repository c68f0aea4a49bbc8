"""Whole sets of answers, typed into `backcare assess` or posted to the web wizard.

The lines and form fields are made from the questionnaire definition, so a field added to a
section is answered (with its default) without touching the tests that walk the front ends.
"""

from __future__ import annotations

from typing import Any

from backcare.domain.questionnaire import SECTIONS
from backcare.domain.questions import AnswerType, Question, answer_at

CALM: dict[str, Any] = {
    "bladder_bowel_change": False,
    "numbness": [],
    "sexual_function_change": False,
    "leg_pain": "none",
    "leg_symptoms_worsening": False,
    "leg_weakness": "none",
    "fever": False,
    "feels_unwell": False,
    "cancer_history": False,
    "trauma": "none",
    "unable_to_walk_or_bear_weight": False,
    "sudden_severe_onset": False,
    "abdominal_or_groin_pain": False,
    "age": 45,
    "duration_weeks": 3,
    "pain_now": 5,
}
# Every conditional question shown: pregnant, with pain in one leg.
PREGNANT_WITH_LEG_PAIN: dict[str, Any] = {
    **CALM,
    "sex": "female",
    "pregnant": True,
    "pregnancy_weeks": 14,
    "leg_pain": "one_leg",
    "leg_pain_below_knee": True,
    "pain_worst_week": 6,
    "better_with_anti_inflammatories": True,
    "age_at_onset": 30,
    "conditions": ["knee_problem", "raynauds"],
    "outlook": {"worry": True, "bothersomeness": "moderately"},
    "preferences": {
        "minutes_per_day": 20,
        "days_per_week": 4,
        "equipment": ["mat", "towel"],
        "partner_available": True,
        "activities": ["swimming"],
        "work": "desk",
    },
}
# No pregnancy or leg questions.
MAN_WITHOUT_LEG_PAIN: dict[str, Any] = {
    **CALM,
    "sex": "male",
    "age": 62,
    "duration_weeks": 20,
    "smoker": True,
    "morning_stiffness_minutes": 10,
    "outlook": {"fear_of_movement": True},
    "preferences": {"minutes_per_day": 45, "activities": ["walking", "cycling"]},
}


def given(question: Question, answers: dict[str, Any]) -> Any:
    """The answer to ``question`` in ``answers``; a warning question not listed gets the calm
    answer (no, or the intake's default), so a field added later is answered too; None when
    the person would skip it."""
    value = answer_at(answers, question.path)
    if value is not None or not question.must_answer or question.required:
        return value
    if question.answer == AnswerType.yes_no:
        return False
    return question.default if question.default is not None else question.choices[0].value


def _index(question: Question, code: str) -> str:
    return str([c.value for c in question.choices].index(code) + 1)


def cli_lines(question: Question, value: Any, *, warning: bool) -> list[str]:
    """What a person types at the terminal to give ``value`` (None: press Enter)."""
    kind = question.answer
    if kind == AnswerType.several_choices and warning:
        return ["y" if c.value in (value or []) else "n" for c in question.choices]
    if value is None:
        return [""]
    if kind == AnswerType.yes_no:
        return ["yes" if value else "no"]
    if kind == AnswerType.one_choice:
        return [_index(question, value)]
    if kind == AnswerType.several_choices:
        return [" ".join(_index(question, code) for code in value)]
    return [str(value)]


def cli_script(answers: dict[str, Any], *, warning_only: bool = False) -> str:
    """The terminal input answering every question the definition asks for these answers."""
    lines: list[str] = []
    for section in SECTIONS:
        if section.applies(answers) and (section.warning or not warning_only):
            for question in section.questions:
                if question.shown(answers):
                    value = given(question, answers)
                    lines += cli_lines(question, value, warning=section.warning)
    return "\n".join(lines) + "\n"


def form_value(question: Question, value: Any) -> Any:
    """The value the web form posts for ``value`` (None: left empty)."""
    if value is None:
        return [] if question.answer == AnswerType.several_choices else None
    if question.answer == AnswerType.yes_no:
        return "yes" if value else "no"
    return value if isinstance(value, list) else str(value)
