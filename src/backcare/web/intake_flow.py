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
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.web.forms import Question, read_answer
from backcare.web.wizard import PLACEHOLDERS, Answers, Step

STOP_LEVELS = (Level.emergency, Level.urgent)
_LEVELS = frozenset(level.value for level in Level)
PLEASE_ANSWER = "Please answer this question."
_NAME = "display_name"


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


def _put(answers: Answers, name: str, value: Any) -> None:
    """Set ``name`` (``preferences.days_per_week`` nests) to value; None removes it."""
    *parents, leaf = name.split(".")
    target = answers
    for part in parents:
        target = target.setdefault(part, {})
    if value is None or value == "":
        target.pop(leaf, None)
    else:
        target[leaf] = value


def answered(answers: Answers, name: str) -> Any:
    """The answer given for ``name`` so far, or None."""
    value: Any = answers
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def apply_step(step: Step, form: dict[str, list[str]], answers: Answers) -> StepOutcome:
    """Merge this step's posted answers and check them; warning questions need an answer."""
    merged = copy.deepcopy(answers)
    missing: dict[str, str] = {}
    for question in step.questions():
        value = read_answer(question, form)
        _put(merged, question.name, value)
        if value is None and _needs_answer(step, question):
            missing[question.name] = PLEASE_ANSWER
    return StepOutcome(merged, {**_problems(step, merged), **missing})


def _needs_answer(step: Step, question: Question) -> bool:
    return question.required or (step.warning and question.widget in ("yesno", "choice"))


def _problems(step: Step, answers: Answers) -> dict[str, str]:
    """Messages for this step's fields from validating everything known so far."""
    try:
        _validate(step, answers)
    except ValidationError as error:
        return _messages(step, error)
    return {}


def _validate(step: Step, answers: Answers) -> None:
    if step.model is PatientCreate:
        PatientCreate.model_validate({_NAME: answers.get(_NAME)})
    elif step.prefix:
        step.model.model_validate(answers.get(step.prefix.rstrip("."), {}))
    else:
        provisional_intake(answers)


def _messages(step: Step, error: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        message = str(problem["msg"]).removeprefix("Value error, ")
        field = str(problem["loc"][0]) if problem["loc"] else message.partition(":")[0]
        if field in step.fields:
            out.setdefault(step.prefix + field, _plain(message, field))
    return out


def _plain(message: str, field: str) -> str:
    """Pydantic's wording made friendlier; our own sentences pass through."""
    message = message.removeprefix(f"{field}: ")
    if message.startswith("Input should be greater than or equal to"):
        return "Please give a number no smaller than " + message.rsplit(" ", 1)[-1] + "."
    if message.startswith("Input should be less than or equal to"):
        return "Please give a number no bigger than " + message.rsplit(" ", 1)[-1] + "."
    if message.startswith("Input should be a valid"):
        return "Please give a whole number." if "integer" in message else "Please give a number."
    if message[:1].islower():
        message = message[0].upper() + message[1:]
    return message if message.endswith(".") else message + "."


def provisional_intake(answers: Answers) -> Intake:
    """The intake from the answers so far, stand-ins filling required answers not yet given."""
    known = {k: v for k, v in answers.items() if k != _NAME}
    return Intake.model_validate({**PLACEHOLDERS, **known})


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
    intake = Intake.model_validate({k: v for k, v in answers.items() if k != _NAME})
    patient = PatientCreate(display_name=answers.get(_NAME, ""), preferences=intake.preferences)
    return patient, intake
