"""Each stored intake as a QuestionnaireResponse to the intake questionnaire, and back."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from backcare.domain.intake import Intake
from backcare.interop.fhir.codes import INTAKE_QUESTIONNAIRE
from backcare.interop.fhir.ids import first_error, problem
from backcare.interop.fhir.questionnaire import Question, answer_system, questionnaire_version

_VALUE_KEYS = {
    "integer": "valueInteger",
    "decimal": "valueDecimal",
    "boolean": "valueBoolean",
    "string": "valueString",
    "choice": "valueCoding",
}


def response_resource(
    intake: dict[str, Any],
    questions: tuple[Question, ...],
    *,
    rid: str,
    subject: dict[str, Any],
    authored: str,
) -> dict[str, Any]:
    """A completed QuestionnaireResponse holding every answer of a stored intake."""
    return {
        "resourceType": "QuestionnaireResponse",
        "id": rid,
        "questionnaire": f"{INTAKE_QUESTIONNAIRE}|{questionnaire_version(questions)}",
        "status": "completed",
        "subject": subject,
        "authored": authored,
        "item": _answered(intake, questions),
    }


def _answered(values: dict[str, Any], questions: tuple[Question, ...]) -> list[dict[str, Any]]:
    items = []
    for question in questions:
        value = values.get(question.link_id.rsplit(".", 1)[-1])
        if value is None or value == []:
            continue  # not answered: the intake's default applies on the way back
        item: dict[str, Any] = {"linkId": question.link_id, "text": question.text}
        if question.children:
            item["item"] = _answered(value, question.children)
        else:
            many = value if question.repeats else [value]
            item["answer"] = [_answer(question, one) for one in many]
        items.append(item)
    return items


def _answer(question: Question, value: Any) -> dict[str, Any]:
    if question.type == "choice":
        return {"valueCoding": {"system": answer_system(question), "code": str(value)}}
    return {_VALUE_KEYS[question.type]: value}


def intake_from_response(
    resource: dict[str, Any], questions: dict[str, Question], where: str
) -> Intake:
    """The intake a QuestionnaireResponse answers; refuses unknown questions and bad answers."""
    if not str(resource.get("questionnaire", "")).startswith(INTAKE_QUESTIONNAIRE):
        raise problem(
            where, "questionnaire", f"Backcare reads answers to {INTAKE_QUESTIONNAIRE} only."
        )
    values = _values(resource.get("item", []), questions, where)
    try:
        return Intake.model_validate(values)
    except ValidationError as exc:
        raise problem(
            where, "item", f"the answers are not a valid intake ({first_error(exc)})."
        ) from exc


def _values(
    items: list[dict[str, Any]], questions: dict[str, Question], where: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items:
        link_id = str(item.get("linkId", ""))
        question = questions.get(link_id)
        field = f"item[linkId={link_id}]"
        if question is None:
            raise problem(where, field, "is not a question of Backcare's intake.")
        name = link_id.rsplit(".", 1)[-1]
        if question.children:
            values[name] = _values(item.get("item", []), questions, where)
            continue
        answers = [_value(question, answer, where, field) for answer in item.get("answer", [])]
        if len(answers) > 1 and not question.repeats:
            raise problem(where, field, "has several answers but takes one.")
        values[name] = answers if question.repeats else (answers[0] if answers else None)
    return values


def _value(question: Question, answer: dict[str, Any], where: str, field: str) -> Any:
    key = _VALUE_KEYS[question.type]
    if key not in answer:
        raise problem(where, f"{field}.answer", f"expected {key} for a {question.type} question.")
    value = answer[key]
    if question.type != "choice":
        return value
    if value.get("system") != answer_system(question) or value.get("code") not in question.options:
        raise problem(
            where,
            f"{field}.answer.valueCoding",
            f"{value.get('code')!r} is not one of {', '.join(question.options)} "
            f"({answer_system(question)}).",
        )
    return value["code"]
