"""Questions for HTML forms, drawn from the one questionnaire definition.

A web question is a domain question (``domain/questions.py``) with the widget that draws it;
the words, choices and ranges come from the intake contract, so the pages never restate it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from backcare.domain.questions import AnswerType
from backcare.domain.questions import Question as Asked

Widget = Literal["yesno", "choice", "multi", "number", "text"]
YES, NO = "yes", "no"
_WIDGETS: dict[AnswerType, Widget] = {
    AnswerType.yes_no: "yesno",
    AnswerType.one_choice: "choice",
    AnswerType.several_choices: "multi",
    AnswerType.number: "number",
}


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    """One form control: the name posted, the question shown, and how it is answered."""

    name: str
    label: str
    widget: Widget
    options: tuple[Option, ...] = ()
    low: float | None = None
    high: float | None = None
    decimals: bool = False
    required: bool = False
    must_answer: bool = False
    default: Any = None


def web_question(asked: Asked) -> Question:
    """The form control for one question of the questionnaire."""
    widget = _WIDGETS[asked.answer]
    options = tuple(Option(c.value, c.label) for c in asked.choices)
    if widget == "yesno":
        options = (Option(YES, "Yes"), Option(NO, "No"))
    return Question(
        name=asked.path,
        label=asked.text,
        widget=widget,
        options=options,
        low=asked.low,
        high=asked.high,
        decimals=asked.decimals,
        required=asked.required,
        must_answer=asked.must_answer,
        default=asked.default,
    )


def text_question(model: type[BaseModel], name: str) -> Question:
    """A free-text control for a field outside the intake (the name shown back)."""
    info = model.model_fields[name]
    label, required = info.description or name, info.is_required()
    return Question(name=name, label=label, widget="text", required=required, must_answer=required)


def read_answer(question: Question, form: dict[str, list[str]]) -> Any:
    """The answer posted for ``question`` (None when left empty), before validation."""
    values = [v.strip() for v in form.get(question.name, []) if v.strip()]
    if question.widget == "multi":
        return values
    if not values:
        return None
    value = values[-1]
    if question.widget == "yesno":
        return {YES: True, NO: False}.get(value, value)
    return value


@dataclass(frozen=True, slots=True)
class FieldView:
    """A question as the template draws it: what is selected or typed, and any error."""

    question: Question
    selected: frozenset[str]
    text: str
    error: str | None


def _as_strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return [YES if value else NO]
    if isinstance(value, list | tuple):
        return [str(getattr(v, "value", v)) for v in value]
    return [str(getattr(value, "value", value))]


def field_view(
    question: Question, current: Any, *, error: str | None = None, preselect: bool = True
) -> FieldView:
    """The view of ``question`` showing ``current``, or its default when ``preselect``."""
    value = current if current is not None or not preselect else question.default
    strings = _as_strings(value)
    return FieldView(question, frozenset(strings), strings[0] if strings else "", error)
