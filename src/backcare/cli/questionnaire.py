"""The interactive intake: warning-sign questions first, then the rest, in plain words."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, get_args

import annotated_types
from rich.console import Console
from rich.prompt import Confirm, FloatPrompt, IntPrompt, Prompt

from backcare.domain.intake import CONDITION_QUESTIONS, Intake, Numbness, Preferences
from backcare.domain.vocabulary import Level

# Asked before anything else (DESIGN.md): the answers that can send someone to hospital.
WARNING_FIELDS = (
    "numbness",
    "bladder_bowel_change",
    "sexual_function_change",
    "warning_symptoms_onset",
    "leg_pain",
    "leg_symptoms_worsening",
    "leg_weakness",
    "fever",
    "feels_unwell",
    "trauma",
    "unable_to_walk_or_bear_weight",
    "sudden_severe_onset",
    "abdominal_or_groin_pain",
    "cancer_history",
)
BASIC_FIELDS = ("age", "duration_weeks", "pain_now", "pain_worst_week", "sex")
MORE_FIELDS = (
    "pregnant",
    "leg_pain_below_knee",
    "leg_pain_worse_than_back",
    "urinary_burning_or_frequency",
    "iv_drug_use",
    "immunosuppressed",
    "recent_infection_or_spinal_procedure",
    "unexplained_weight_loss",
    "constant_night_pain",
    "thoracic_pain",
    "osteoporosis",
    "long_term_steroids",
    "morning_stiffness_minutes",
    "better_with_movement_than_rest",
    "wakes_second_half_of_night",
    "alternating_buttock_pain",
    "previous_episodes",
    "treatment_not_helped",
    "off_work_because_of_pain",
    "smoker",
)
# The warning questions only apply when there is leg pain, numbness or a CES feature.
_ONLY_IF = {
    "leg_symptoms_worsening": lambda a: a.get("leg_pain", "none") != "none" or a.get("numbness"),
    "warning_symptoms_onset": lambda a: bool(
        {"saddle", "both_legs"} & set(a.get("numbness", []))
        or a.get("bladder_bowel_change")
        or a.get("sexual_function_change")
    ),
    "leg_pain_below_knee": lambda a: a.get("leg_pain", "none") != "none",
    "leg_pain_worse_than_back": lambda a: a.get("leg_pain", "none") != "none",
    "pregnant": lambda a: a.get("sex") != "male",
}
_NUMBNESS_WORDS = {
    Numbness.leg: "one leg",
    Numbness.both_legs: "both legs",
    Numbness.foot: "a foot",
    Numbness.saddle: "between your legs or around your back passage",
}


class Asker:
    """Asks each intake question with Rich prompts, checking ranges before moving on."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.answers: dict[str, Any] = {}

    def ask_fields(self, names: tuple[str, ...]) -> None:
        for name in names:
            condition: Callable[[dict[str, Any]], Any] | None = _ONLY_IF.get(name)
            if condition is None or condition(self.answers):
                self.answers[name] = self._ask(name)
        self.answers = {k: v for k, v in self.answers.items() if v is not None}

    def _ask(self, name: str) -> Any:
        field = Intake.model_fields[name]
        question = (field.json_schema_extra or {}).get("question", name)  # type: ignore[union-attr]
        if name == "numbness":
            return self._numbness()
        annotation = field.annotation
        choices = _enum_choices(annotation)
        if annotation is bool:
            return Confirm.ask(str(question), console=self.console, default=False)
        if choices:
            return Prompt.ask(
                str(question),
                choices=choices,
                console=self.console,
                default=None if field.is_required() else _default(field.default),
            )
        return self._number(name, str(question), annotation)

    def _numbness(self) -> list[str]:
        self.console.print(Intake.model_fields["numbness"].json_schema_extra["question"])  # type: ignore[index]
        return [
            site.value
            for site, words in _NUMBNESS_WORDS.items()
            if Confirm.ask(
                f"  Numbness or pins and needles in {words}?", console=self.console, default=False
            )
        ]

    def _number(self, name: str, question: str, annotation: Any) -> int | float | None:
        field = Intake.model_fields[name]
        low, high = _bounds(field.metadata)
        is_float = float in (annotation, *get_args(annotation))
        prompt = FloatPrompt if is_float else IntPrompt
        while True:
            if not field.is_required():
                raw = Prompt.ask(f"{question} (Enter to skip)", console=self.console, default="")
                if raw == "":
                    return None
                try:
                    value: int | float = float(raw) if is_float else int(raw)
                except ValueError:
                    self.console.print("[red]Please type a number.[/]")
                    continue
            else:
                value = prompt.ask(question, console=self.console)
            if (low is None or value >= low) and (high is None or value <= high):
                return value
            self.console.print(f"[red]Please give a number from {low} to {high}.[/]")

    def ask_conditions(self) -> None:
        self.console.print("[bold]Do any of these apply to you?[/]")
        self.answers["conditions"] = [
            c.value
            for c, text in CONDITION_QUESTIONS.items()
            if Confirm.ask(f"  {text}", console=self.console, default=False)
        ]

    def ask_preferences(self) -> None:
        prefs: dict[str, Any] = {}
        for name in ("minutes_per_day", "days_per_week"):
            field = Preferences.model_fields[name]
            question = (field.json_schema_extra or {}).get("question", name)  # type: ignore[union-attr]
            low, high = _bounds(field.metadata)
            while True:
                value = IntPrompt.ask(str(question), console=self.console, default=field.default)
                if low is not None and high is not None and low <= value <= high:
                    prefs[name] = value
                    break
                self.console.print(f"[red]Please give a number from {low} to {high}.[/]")
        prefs["partner_available"] = Confirm.ask(
            str(Preferences.model_fields["partner_available"].json_schema_extra["question"]),  # type: ignore[index]
            console=self.console,
            default=False,
        )
        self.answers["preferences"] = prefs


def emergency_so_far(answers: dict[str, Any]) -> bool:
    """Whether the warning answers alone already mean an emergency (checked before the rest)."""
    from backcare.engine import triage_document  # lazy: keeps the CLI quick to start

    # A long duration so that the placeholder itself never makes a symptom look new.
    provisional = {"age": 40, "duration_weeks": 52, "pain_now": 0, **answers}
    return bool(triage_document(provisional)["level"] == Level.emergency.value)


def _enum_choices(annotation: Any) -> list[str]:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


def _default(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
    return low, high  # type: ignore[return-value]
