"""One wizard step at a time: read the answers posted, check them, triage what is known.

Pure: no database and no web objects, so each rule is unit-tested on plain dicts.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from backcare import bounded_json
from backcare.domain.intake import Intake
from backcare.domain.plan_model import TriageResult
from backcare.domain.questionnaire import answer_problems
from backcare.domain.questionnaire import provisional_intake as _provisional
from backcare.domain.questions import answer_at, put_answer
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.web.forms import read_answer
from backcare.web.wizard import NAME, Answers, Step

STOP_LEVELS = (Level.emergency, Level.urgent)
_LEVELS = frozenset(level.value for level in Level)
PLEASE_ANSWER = "Please answer this question."


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """The answers after a step, and a message for each question that needs another look."""

    answers: Answers
    errors: dict[str, str]


def load_answers(text: str | None) -> Answers:
    """The answers carried by the form; anything unreadable counts as none given.

    Answers nested deeper than any intake are refused (InvalidInputError naming ``answers``):
    parsing and copying them would recurse until Python gives up.
    """
    try:
        value = bounded_json.loads(text or "{}", field="answers")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def dump_answers(answers: Answers) -> str:
    return json.dumps(answers, separators=(",", ":"), sort_keys=True)


def answered(answers: Answers, name: str) -> Any:
    """The answer given for ``name`` so far, or None."""
    return answer_at(answers, name)


def apply_step(step: Step, form: dict[str, list[str]], answers: Answers) -> StepOutcome:
    """Merge this step's posted answers and check them; warning questions need an answer."""
    merged = copy.deepcopy(answers)
    unanswered: list[str] = []
    for question in step.questions(answers):
        value = read_answer(question, form)
        put_answer(merged, question.name, value)
        if value is None and question.must_answer:
            unanswered.append(question.name)
    # A question drawn because its condition reads an answer on the same page (weakness onset
    # under "is a leg weak") needs an answer only when that answer makes it apply.
    hidden = _hidden_on_page(step, merged)
    missing = {name: PLEASE_ANSWER for name in unanswered if name not in hidden}
    return StepOutcome(merged, {**_problems(step, merged), **missing})


def _hidden_on_page(step: Step, answers: Answers) -> set[str]:
    """Paths of this page's questions whose condition does not hold for these answers."""
    if step.section is None:
        return set()
    intake = _intake_answers(answers)
    return {q.path for q in step.section.questions if not q.shown(intake)}


def _problems(step: Step, answers: Answers) -> dict[str, str]:
    """Messages for this step's questions from checking everything known so far."""
    if step.section is None:
        return _name_problems(answers)
    problems = answer_problems(_intake_answers(answers))
    return {path: problems[path] for path in step.fields if path in problems}


def _name_problems(answers: Answers) -> dict[str, str]:
    try:
        PatientCreate.model_validate({NAME: answers.get(NAME)})
    except ValidationError:
        return {NAME: "Please give a name, up to 200 characters."}
    return {}


def _intake_answers(answers: Answers) -> Answers:
    return {k: v for k, v in answers.items() if k != NAME}


def provisional_intake(answers: Answers) -> Intake:
    """The intake from the answers so far, stand-ins filling required answers not yet given."""
    return _provisional(_intake_answers(answers))


def provisional_triage(answers: Answers, knowledge: Knowledge) -> TriageResult | None:
    """Triage of the answers so far, or None while they do not make a valid intake."""
    try:
        return triage(provisional_intake(answers), knowledge)
    except ValidationError:
        return None


def must_stop(result: TriageResult | None, acknowledged: str) -> bool:
    """Whether to show the see-a-doctor page now: an emergency or urgent level not yet shown."""
    if result is None or result.level not in STOP_LEVELS:
        return False
    shown = Level(acknowledged).rank if acknowledged in _LEVELS else -1
    return result.level.rank > shown


def final_records(answers: Answers) -> tuple[PatientCreate, Intake]:
    """The patient and the intake to store (raises ValidationError if anything is missing)."""
    intake = Intake.model_validate(_intake_answers(answers))
    patient = PatientCreate(display_name=answers.get(NAME, ""), preferences=intake.preferences)
    return patient, intake
