"""Random intakes for the golden plans: a seeded walk through the one questionnaire.

Each intake is answered the way a person goes through ``SECTIONS``: a section or question
shows only when its condition holds for the answers so far, and every answer kind (yes/no,
one choice, several choices, whole and decimal numbers) is drawn from the question itself, so a
question added to the questionnaire is exercised here without a change. Warning signs are
answered yes at a rate drawn per intake, so the set holds every triage level, not only
emergencies. Pure Python ``random.Random``: the same seed gives the same intakes on every
machine and Python version we support.
"""

from __future__ import annotations

import random
from typing import Any

from backcare.domain.intake import MINIMUM_AGE, Bother, StartBackAnswers
from backcare.domain.questionnaire import SECTIONS, answer_problems, clinician_only
from backcare.domain.questions import Answers, AnswerType, Question, put_answer

SEED = 20261128
COUNT = 3000

# Where most real answers fall; the rest are drawn across the whole range the intake accepts.
TYPICAL: dict[str, tuple[float, float]] = {
    "age": (16, 95),
    "duration_weeks": (0, 104),
    "pregnancy_weeks": (1, 40),
    "morning_stiffness_minutes": (0, 120),
    "age_at_onset": (10, 80),
    "previous_episodes": (0, 6),
    "height_cm": (145, 200),
    "weight_kg": (45, 140),
}
# The intake's own floor where it is above the question's (Backcare is for adults).
FLOOR: dict[str, float] = {"age": MINIMUM_AGE}
# How often a person with warning signs says yes to each: most people say no to all.
WARNING_RATES = (0.0, 0.0, 0.0, 0.01, 0.03, 0.08, 0.3)
# How often any other yes/no question is answered yes (several of them are rarer warning signs).
YES_RATES = (0.0, 0.05, 0.15, 0.4)
# Questions answered on the clinician's side (STarT Back) join one intake in three.
STARTBACK_KEYS = tuple(
    name for name, field in StartBackAnswers.model_fields.items() if field.annotation is bool
)
BOTHER = tuple(member.value for member in Bother)


def golden_intakes(seed: int = SEED, count: int = COUNT) -> list[Answers]:
    """``count`` valid intakes as JSON-like answers, the same for the same seed."""
    rng = random.Random(seed)
    return [_intake(rng) for _ in range(count)]


def _intake(rng: random.Random) -> Answers:
    answers: Answers = {}
    warning_rate = rng.choice(WARNING_RATES)
    yes_rate = rng.choice(YES_RATES)
    skip_rate = rng.choice((0.0, 0.3, 0.7))
    for section in SECTIONS:
        if not section.applies(answers):
            continue
        for question in section.questions:
            if not question.shown(answers):
                continue
            # Optional questions are sometimes left unanswered (the intake's default holds).
            if not (question.required or section.warning) and rng.random() < skip_rate:
                continue
            answer = _answer(rng, question, section.warning, warning_rate, yes_rate)
            put_answer(answers, question.path, answer)
    if rng.random() < 1 / 3:
        startback: dict[str, Any] = {key: rng.random() < 0.4 for key in STARTBACK_KEYS}
        startback["bothersomeness"] = rng.choice(BOTHER)
        answers["startback"] = startback
    return _valid(answers)


def _answer(
    rng: random.Random, question: Question, warning: bool, warning_rate: float, yes_rate: float
) -> Any:
    kind = question.answer
    if kind is AnswerType.yes_no:
        return rng.random() < (warning_rate if warning else yes_rate)
    if kind is AnswerType.one_choice:
        values = [choice.value for choice in question.choices]
        if warning and question.default is not None and rng.random() >= warning_rate * 2:
            return question.default  # the calm answer, unless this person has warning signs
        return rng.choice(values)
    if kind is AnswerType.several_choices:
        rate = warning_rate if warning else yes_rate / 2
        return [choice.value for choice in question.choices if rng.random() < rate]
    return _number(rng, question)


def _number(rng: random.Random, question: Question) -> int | float:
    low = FLOOR.get(question.path, question.low if question.low is not None else 0.0)
    high = question.high if question.high is not None else low + 100
    if question.path in TYPICAL and rng.random() < 0.9:
        low, high = TYPICAL[question.path]
    if question.decimals:
        return round(rng.uniform(low, high), 1)
    return rng.randint(int(low), int(high))


def _valid(answers: Answers) -> Answers:
    """Drop answers the intake refuses across fields (worst pain below today's, say), as a
    person would correct them, until the whole intake is accepted."""
    for _ in range(10):
        problems = answer_problems(answers)
        if not problems:
            return answers
        for path in problems:
            if clinician_only(path) or path in ("age", "duration_weeks", "pain_now"):
                raise AssertionError(f"generated a refused required answer: {problems}")
            put_answer(answers, path, None)
    raise AssertionError(f"could not make a valid intake: {answer_problems(answers)}")
