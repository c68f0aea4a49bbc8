"""Apply the warning answers given at a check-in to the stored intake, ready for re-triage."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from backcare.domain.intake import Intake, Onset

WARNING_FIELDS = frozenset(
    {
        "leg_pain",
        "leg_pain_below_knee",
        "leg_pain_worse_than_back",
        "leg_symptoms_worsening",
        "numbness",
        "bladder_bowel_change",
        "sexual_function_change",
        "leg_weakness",
        "fever",
        "feels_unwell",
        "urinary_burning_or_frequency",
        "iv_drug_use",
        "immunosuppressed",
        "recent_infection_or_spinal_procedure",
        "cancer_history",
        "unexplained_weight_loss",
        "constant_night_pain",
        "thoracic_pain",
        "trauma",
        "osteoporosis",
        "long_term_steroids",
        "unable_to_walk_or_bear_weight",
        "sudden_severe_onset",
        "abdominal_or_groin_pain",
    }
)
"""Intake answers a check-in may report as a new warning sign (the red-flag sections)."""

ALIASES: dict[str, tuple[str, ...]] = {
    "saddle_numbness": ("numbness:saddle",),
    "leg_weakness_worsening": ("leg_weakness:worsening",),
    "major_trauma": ("trauma:major",),
    # A fall from standing or a lift: the intake's "minor" injury, which the fracture rules read
    # with a fracture risk factor (osteoporosis, steroids, over 70).
    "new_fall_or_injury": ("trauma:minor",),
    "sudden_severe_change": ("sudden_severe_onset",),
    # Leg symptoms spreading to both legs: a cauda equina warning, kept apart from one leg
    # getting worse (leg_symptoms_worsening). Spreading counts as new (both_legs_new).
    "leg_symptoms_both_legs": ("leg_pain:both_legs", "leg_symptoms_worsening"),
}
"""The check-in vocabulary's codes, written as the intake answers they stand for."""

# Features of cauda equina syndrome read as new or worsening when their onset is recent, and a
# sign first reported at a check-in is recent by definition ("since your last check-in").
_RECENT_ONSET_FIELDS = frozenset({"numbness", "bladder_bowel_change", "sexual_function_change"})


class UnknownWarningError(ValueError):
    """A warning code that names no intake answer; the message says which."""


def normalise(code: str) -> tuple[str, ...]:
    """The intake answers a code stands for, each as ``field`` or ``field:value``."""
    answers = ALIASES.get(code, (code,))
    for answer in answers:
        if answer.partition(":")[0] not in WARNING_FIELDS:
            raise UnknownWarningError(f"{code!r} is not a warning question Backcare asks")
    return answers


def apply_warnings(intake: Intake, codes: Iterable[str]) -> Intake:
    """The intake as if these warning answers had been given at the assessment.

    A sign first reported at a check-in is new by definition ("since your last check-in"), so
    the answers that say whether a sign is new or old are set to new.
    """
    wanted = sorted({answer for code in codes for answer in normalise(code)})
    update: dict[str, Any] = {}
    for code in wanted:
        field, _, value = code.partition(":")
        update[field] = _answer(intake, update, field, value)
    if _RECENT_ONSET_FIELDS & update.keys():
        update["warning_symptoms_onset"] = Onset.new_or_worsening
    try:
        return Intake.model_validate(intake.model_dump() | update)
    except ValidationError as error:
        raise UnknownWarningError(f"warning answers {wanted!r} do not fit: {error}") from error


def _answer(intake: Intake, update: dict[str, Any], field: str, value: str) -> object:
    """A yes for a yes/no answer, one more site for a list, or the stated value."""
    current = update.get(field, getattr(intake, field))
    if isinstance(current, bool):
        if value:
            raise UnknownWarningError(f"{field!r} is a yes/no answer and takes no value")
        return True
    if not value or value == str(Intake.model_fields[field].default):
        raise UnknownWarningError(f"{field}:{value} does not describe a warning sign")
    if isinstance(current, list):
        return current if value in current else [*current, value]
    return _worse(current, value)


def _worse(current: object, value: str) -> object:
    """The more serious of two answers: a check-in adds warning signs, never takes one away."""
    # The graded answers (leg_pain, leg_weakness, trauma) list their values mildest first.
    if isinstance(current, StrEnum):
        order = [member.value for member in type(current)]
        if value in order and order.index(value) < order.index(current.value):
            return current
    return value
