"""What a review returns: the rules that fired, each change, the new plan and the alerts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from backcare.domain.adapt.replan import with_explanation
from backcare.domain.adapt.rules import AdaptRule
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan

Action = Literal["progress", "regress", "simplify", "refer", "safety", "flare"]
AlertKind = Literal[
    "red_flag", "pain_worsening", "no_improvement", "clinician_review", "severe_pain"
]

NO_CHANGE = "Your plan stays as it is."


def long_date(day: date) -> str:
    """A date as people write it, e.g. 'Thursday 6 March'."""
    return f"{day:%A} {day.day} {day:%B}"


@dataclass(frozen=True, slots=True)
class Change:
    """One item changed by a rule, with the reason in plain words."""

    item_id: str
    action: Action
    replacement_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """An alert for the person's clinician; the store adds who and when."""

    kind: AlertKind
    detail: dict[str, object]


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of a review.

    ``new_plan`` is None when nothing changed. After a flare-up, ``flare_until`` is the last day
    of the relief plan and ``resume_plan`` the plan to go back to (see ``resume_after_flare``).
    ``updated_intake`` is the intake with new warning answers applied, for a new assessment.
    """

    rules_fired: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]
    new_plan: Plan | None
    explanation: str
    alerts: tuple[AlertDraft, ...]
    updated_intake: Intake | None = None
    flare_until: date | None = None
    resume_plan: Plan | None = None
    figures: Mapping[str, object] | None = None
    """What the weekly review measured (pain against each baseline, trend, adherence)."""


@dataclass
class Notes:
    """What a review has found so far; turned into a ``Review`` at the end."""

    plan: Plan
    values: Mapping[str, float | int] = field(default_factory=dict)
    """The thresholds' values, for the rules' words."""
    fired: list[tuple[str, str]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    alerts: list[AlertDraft] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    figures: dict[str, object] | None = None

    def fire(self, rule: AdaptRule, reason: str | None = None) -> None:
        """Record a rule as fired; its reason opens its part of the explanation."""
        said = reason or rule.words(self.values)
        self.fired.append((rule.id, said))
        self.lines.append(said)

    def words(self, rule: AdaptRule) -> str:
        """A rule's reason with the thresholds filled in."""
        return rule.words(self.values)

    def say(self, *lines: str) -> None:
        self.lines.extend(lines)

    def finish(
        self,
        original: Plan,
        today: date,
        *,
        updated_intake: Intake | None = None,
        flare_until: date | None = None,
        resume_plan: Plan | None = None,
    ) -> Review:
        """The review; a new plan only when the plan changed, carrying this review's lines."""
        changed = self.plan != original
        return Review(
            rules_fired=tuple(self.fired),
            changes=tuple(self.changes),
            new_plan=with_explanation(self.plan, self.lines, today) if changed else None,
            explanation="\n".join(self.lines or [NO_CHANGE]),
            alerts=tuple(self.alerts),
            updated_intake=updated_intake,
            flare_until=flare_until,
            resume_plan=resume_plan,
            figures=self.figures,
        )
