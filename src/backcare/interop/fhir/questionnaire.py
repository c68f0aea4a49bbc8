"""The intake as a Questionnaire, and each stored intake as a QuestionnaireResponse.

The questions are generated from one definition: today the intake model's fields and their
``question`` metadata (``intake_questions``); when the intake gets its own questionnaire
definition, only ``intake_questions`` changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from backcare.domain.intake import CONDITION_QUESTIONS, Intake
from backcare.interop.fhir.codes import INTAKE_ANSWER, INTAKE_QUESTIONNAIRE
from backcare.web.wording import words

_TYPES = {"integer": "integer", "number": "decimal", "boolean": "boolean", "string": "string"}
_LABELS = {code.value: text for code, text in CONDITION_QUESTIONS.items()}


@dataclass(frozen=True, slots=True)
class Question:
    """One item of the intake questionnaire; a group holds its ``children``."""

    link_id: str
    text: str
    type: str
    required: bool = False
    repeats: bool = False
    enum: str | None = None
    options: tuple[str, ...] = ()
    children: tuple[Question, ...] = ()


@cache
def intake_questions() -> tuple[Question, ...]:
    """The questions of the intake, from its one definition (the Intake model's schema).

    Cached: the definition is fixed for the life of the process, and building the schema
    costs more than exporting a short record.
    """
    schema = Intake.model_json_schema()
    return _questions(schema, schema["$defs"], prefix="")


def _questions(schema: dict[str, Any], defs: dict[str, Any], prefix: str) -> tuple[Question, ...]:
    required = set(schema.get("required", ()))
    return tuple(
        _question(f"{prefix}{name}", spec, defs, name in required)
        for name, spec in schema["properties"].items()
    )


def _question(link_id: str, spec: dict[str, Any], defs: dict[str, Any], required: bool) -> Question:
    text = spec.get("question") or spec.get("description") or link_id
    body = _resolve(spec, defs)
    repeats = body.get("type") == "array"
    if repeats:
        body = _resolve(body["items"], defs)
    if "properties" in body:
        children = _questions(body, defs, prefix=f"{link_id}.")
        return Question(link_id, text, "group", required, children=children)
    if "enum" in body:
        name = str(body.get("title", link_id))
        options = tuple(str(value) for value in body["enum"])
        return Question(link_id, text, "choice", required, repeats, name, options)
    return Question(link_id, text, _TYPES[body["type"]], required, repeats)


def _resolve(spec: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The schema behind a $ref or an optional (anyOf with null)."""
    if "anyOf" in spec:
        spec = next(s for s in spec["anyOf"] if s.get("type") != "null")
    if "$ref" in spec:
        return dict(defs[spec["$ref"].rsplit("/", 1)[-1]])
    return spec


def questionnaire_version(questions: tuple[Question, ...]) -> str:
    """A short fingerprint of the questions: it changes whenever a question does."""
    text = json.dumps([_item(q) for q in questions], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def answer_system(question: Question) -> str:
    """The code system of a choice question's answers."""
    return f"{INTAKE_ANSWER}/{question.enum}"


def questionnaire_resource(questions: tuple[Question, ...], rid: str) -> dict[str, Any]:
    """The Questionnaire resource of the intake."""
    return {
        "resourceType": "Questionnaire",
        "id": rid,
        "url": INTAKE_QUESTIONNAIRE,
        "version": questionnaire_version(questions),
        "name": "BackcareIntake",
        "title": "Backcare intake: questions about your back pain",
        "status": "active",
        "subjectType": ["Patient"],
        "item": [_item(q) for q in questions],
    }


def _item(question: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": question.link_id, "text": question.text}
    item["type"] = question.type
    if question.required:
        item["required"] = True
    if question.repeats:
        item["repeats"] = True
    if question.options:
        system = answer_system(question)
        item["answerOption"] = [
            {"valueCoding": {"system": system, "code": code, "display": _label(code)}}
            for code in question.options
        ]
    if question.children:
        item["item"] = [_item(child) for child in question.children]
    return item


def _label(code: str) -> str:
    return _LABELS.get(code) or words(code)


def by_link_id(questions: tuple[Question, ...]) -> dict[str, Question]:
    """Every question (groups and their children) by its linkId."""
    found: dict[str, Question] = {}
    for question in questions:
        found[question.link_id] = question
        found.update(by_link_id(question.children))
    return found
