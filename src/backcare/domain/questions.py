"""The parts of a questionnaire: questions bound to intake fields, sections, when each shows.

A question is built from its intake field: the words come from the field's ``question``
metadata in ``domain/intake.py``, the answer type and bounds from its type and constraints,
so no front end restates the contract. Pure data and small functions; no I/O.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from backcare.domain.choice_words import choice_words
from backcare.domain.intake import Intake

Answers = dict[str, Any]


class AnswerType(StrEnum):
    yes_no = "yes_no"
    one_choice = "one_choice"
    several_choices = "several_choices"
    number = "number"


def answer_at(answers: Mapping[str, Any], path: str) -> Any:
    """The answer given at ``path`` (``outlook.worry`` nests), or None."""
    value: Any = answers
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def put_answer(answers: Answers, path: str, value: Any) -> None:
    """Set the answer at ``path`` in place; None or an empty text removes it."""
    *parents, leaf = path.split(".")
    target = answers
    for part in parents:
        target = target.setdefault(part, {})
    if value is None or value == "":
        target.pop(leaf, None)
    else:
        target[leaf] = value


def field_info(path: str) -> FieldInfo:
    """The intake field at ``path``, walking into nested models (``preferences.work``)."""
    model: type[BaseModel] = Intake
    *parents, leaf = path.split(".")
    for part in parents:
        nested = _inner(model.model_fields[part].annotation)
        if not (isinstance(nested, type) and issubclass(nested, BaseModel)):
            raise KeyError(f"{path}: {part} holds no nested answers")
        model = nested
    if leaf not in model.model_fields:
        raise KeyError(f"{path}: no such intake field")
    return model.model_fields[leaf]


def intake_field_paths(model: type[BaseModel] = Intake, prefix: str = "") -> list[str]:
    """Every answer the intake holds, as paths; nested parts are walked (``outlook.worry``)."""
    paths: list[str] = []
    for name, info in model.model_fields.items():
        nested = _inner(info.annotation)
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            paths += intake_field_paths(nested, f"{prefix}{name}.")
        else:
            paths.append(prefix + name)
    return paths


def _given_or_default(answers: Mapping[str, Any], path: str) -> Any:
    """The answer, or the intake's own default when none was given (what the rules would see)."""
    value = answer_at(answers, path)
    if value is not None:
        return value
    return field_info(path).get_default(call_default_factory=True)


def _same(value: Any, wanted: object) -> bool:
    """Whether an answer is (or, for several choices, includes) the wanted code."""
    if isinstance(value, list | tuple | set | frozenset):
        return any(_same(member, wanted) for member in value)
    return bool(getattr(value, "value", value) == getattr(wanted, "value", wanted))


@dataclass(frozen=True, slots=True)
class Is:
    """Holds when the answer at ``path`` is ``value`` (or includes it); unanswered reads the
    intake's default."""

    path: str
    value: object

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return _same(_given_or_default(answers, self.path), self.value)

    @property
    def paths(self) -> frozenset[str]:
        return frozenset({self.path})


@dataclass(frozen=True, slots=True)
class IsNot:
    """Holds unless the answer at ``path`` is ``value``."""

    path: str
    value: object

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return not _same(_given_or_default(answers, self.path), self.value)

    @property
    def paths(self) -> frozenset[str]:
        return frozenset({self.path})


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Holds when any of its conditions holds."""

    conditions: tuple[Is | IsNot, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return any(condition.holds(answers) for condition in self.conditions)

    @property
    def paths(self) -> frozenset[str]:
        return frozenset().union(*(condition.paths for condition in self.conditions))


When = Is | IsNot | AnyOf | None


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    """One question: the intake field it fills, its words, how it is answered, when shown."""

    path: str
    text: str
    answer: AnswerType
    choices: tuple[Choice, ...] = ()
    low: float | None = None
    high: float | None = None
    decimals: bool = False
    required: bool = False
    default: Any = None
    when: When = None
    must_answer: bool = False

    def shown(self, answers: Mapping[str, Any]) -> bool:
        """Whether this question is asked, given the answers so far."""
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True, slots=True)
class Section:
    """Questions asked together, in order; a warning section's questions need an answer."""

    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    warning: bool = False
    when: When = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(question.path for question in self.questions)

    def on_one_page(self, answers: Mapping[str, Any]) -> tuple[Question, ...]:
        """The questions a page shows at once: one whose condition reads an answer on the same
        page is shown (its answer is checked on sending), the others as their condition says."""
        own = set(self.paths)
        return tuple(
            q
            for q in self.questions
            if q.shown(answers) or (q.when is not None and q.when.paths & own)
        )


@dataclass(frozen=True, slots=True)
class Ask:
    """A question in a section definition that is only shown when ``when`` holds."""

    path: str
    when: When


def question(path: str, *, when: When = None, warning: bool = False) -> Question:
    """The question for the intake field at ``path``, read from the field itself."""
    info = field_info(path)
    annotation = _inner(info.annotation)
    required = info.is_required()
    default = None if required else _plain(info.get_default(call_default_factory=True))
    common: dict[str, Any] = {"path": path, "text": _text(info, path), "required": required}
    common |= {"default": default, "when": when}
    if annotation is bool:
        return Question(answer=AnswerType.yes_no, must_answer=required or warning, **common)
    if get_origin(annotation) is list:
        choices = _choices(get_args(annotation)[0], path)
        return Question(answer=AnswerType.several_choices, choices=choices, **common)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = _choices(annotation, path)
        kind = AnswerType.one_choice
        return Question(answer=kind, choices=choices, must_answer=required or warning, **common)
    if annotation in (int, float):
        low, high = _bounds(info)
        decimals = annotation is float
        kind = AnswerType.number
        return Question(
            answer=kind, low=low, high=high, decimals=decimals, must_answer=required, **common
        )
    raise TypeError(f"{path}: no question form for {annotation!r}")


def section(
    section_id: str,
    title: str,
    intro: str,
    *fields: str | Ask,
    warning: bool = False,
    when: When = None,
) -> Section:
    """A section from intake field paths; adding a field to it is adding its path."""
    questions = tuple(
        question(f, warning=warning)
        if isinstance(f, str)
        else question(f.path, when=f.when, warning=warning)
        for f in fields
    )
    return Section(section_id, title, intro, questions, warning=warning, when=when)


def _text(info: FieldInfo, path: str) -> str:
    extra = info.json_schema_extra
    text = extra.get("question") if isinstance(extra, dict) else None
    if not text:
        raise ValueError(f"{path}: the intake field has no question to ask")
    return str(text)


def _choices(annotation: Any, path: str) -> tuple[Choice, ...]:
    enum = _inner(annotation)
    if not (isinstance(enum, type) and issubclass(enum, Enum)):
        raise TypeError(f"{path}: only lists of choices become questions")
    return tuple(Choice(str(m.value), choice_words(str(m.value), path)) for m in enum)


def _inner(annotation: Any) -> Any:
    """``X`` from ``X | None``; anything else unchanged."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        return inner[0] if len(inner) == 1 else annotation
    return annotation


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    low: float | None = None
    high: float | None = None
    for m in info.metadata:
        if isinstance(m, annotated_types.Ge) and isinstance(m.ge, int | float):
            low = m.ge
        if isinstance(m, annotated_types.Le) and isinstance(m.le, int | float):
            high = m.le
    return low, high


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):  # a shared definition holds no list anyone could change
        return tuple(_plain(member) for member in value)
    return value
