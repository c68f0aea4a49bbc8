"""Questions for HTML forms, read from the pydantic models' fields and their plain questions.

A question knows its widget (yes/no, one choice, several choices, number) from the field's
type, and its range from the field's constraints, so the pages never restate the contract.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from backcare.domain.intake import CONDITION_QUESTIONS
from backcare.web.wording import words

# Where the shared plain words for a code would read wrongly in one question.
FIELD_CHOICES: dict[str, dict[str, str]] = {
    "numbness": {"leg": "One leg", "both_legs": "Both legs"},
}
Widget = Literal["yesno", "choice", "multi", "number", "text"]
YES, NO = "yes", "no"


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
    default: Any = None
    hint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _question_text(info: FieldInfo, name: str) -> str:
    extra = info.json_schema_extra
    text = extra.get("question") if isinstance(extra, dict) else None
    return str(text or info.description or name)


def _enum_of(annotation: Any) -> type[Enum] | None:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list


def _optional_inner(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        return inner[0] if len(inner) == 1 else annotation
    return annotation


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    low = next((m.ge for m in info.metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in info.metadata if isinstance(m, annotated_types.Le)), None)
    return low, high  # type: ignore[return-value]


def _options(enum: type[Enum], name: str) -> tuple[Option, ...]:
    if name == "conditions":
        return tuple(Option(c.value, text) for c, text in CONDITION_QUESTIONS.items())
    special = FIELD_CHOICES.get(name, {})
    return tuple(Option(str(m.value), special.get(str(m.value)) or words(m.value)) for m in enum)


def question_for(model: type[BaseModel], name: str, *, prefix: str = "") -> Question:
    """The question for ``model.name``; ``prefix`` names nested answers (``preferences.``)."""
    info = model.model_fields[name]
    annotation = _optional_inner(info.annotation)
    label = _question_text(info, name)
    common: dict[str, Any] = {"name": prefix + name, "label": label}
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    common["required"], common["default"] = info.is_required(), default
    if annotation is bool:
        return Question(widget="yesno", options=(Option(YES, "Yes"), Option(NO, "No")), **common)
    if _is_list(annotation):
        enum = _enum_of(get_args(annotation)[0])
        assert enum is not None, f"{name}: only lists of choices become questions"
        return Question(widget="multi", options=_options(enum, name), **common)
    enum = _enum_of(annotation)
    if enum is not None:
        return Question(widget="choice", options=_options(enum, name), **common)
    if annotation in (int, float):
        low, high = _bounds(info)
        return Question(widget="number", low=low, high=high, decimals=annotation is float, **common)
    return Question(widget="text", **common)


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
    if isinstance(value, list):
        return [str(getattr(v, "value", v)) for v in value]
    return [str(getattr(value, "value", value))]


def field_view(
    question: Question, current: Any, *, error: str | None = None, preselect: bool = True
) -> FieldView:
    """The view of ``question`` showing ``current``, or its default when ``preselect``."""
    value = current if current is not None or not preselect else question.default
    strings = _as_strings(value)
    return FieldView(question, frozenset(strings), strings[0] if strings else "", error)
