"""Shapes of the knowledge files (contract 4 and the rule files), validated when loaded."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from backcare.domain.intake import Activity, Equipment, Work
from backcare.domain.vocabulary import (
    BODY_POSITIONS,
    EXERCISE_KINDS,
    POSITION_RULED_OUT_BY,
    Contra,
    Guideline,
    Kind,
    Level,
    Phase,
    Position,
    Stance,
    Target,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Kinds the person does with their body: each names the position it needs. Kinds that are
# read, arranged or applied (lessons, advice, referrals, heat) need none.
_BODY_KINDS = EXERCISE_KINDS | {Kind.self_massage, Kind.foam_rolling, Kind.relaxation}
_NO_POSITION_KINDS = frozenset(
    {Kind.education, Kind.advice, Kind.referral, Kind.posture, Kind.sleep}
)
# Only on your feet can an exercise ask for balance.
_BALANCE_POSITIONS = frozenset({Position.standing, Position.walking})
Sentence = Annotated[str, Field(min_length=3, max_length=600)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(Frozen):
    id: str
    title: str
    url: str
    kind: str
    verify: bool = False


class Dose(Frozen):
    """How much of an item: any combination that makes sense for its kind."""

    sets: int | None = Field(default=None, ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_seconds: int | None = Field(default=None, ge=1, le=600)
    rest_seconds: int | None = Field(default=None, ge=0, le=600)
    per_side: bool = False
    minutes: float = Field(ge=0, le=120, description="Minutes one session of this item takes.")
    times_per_day: int = Field(default=1, ge=1, le=12)
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    as_needed: bool = Field(default=False, description="Used when needed, not on a timetable.")
    note: str | None = None

    def describe(self) -> str:
        """The dose in a short plain phrase, e.g. '2 sets of 8, hold 5 s, each side'."""
        parts: list[str] = []
        if self.sets and self.reps:
            parts.append(f"{self.sets} sets of {self.reps}")
        elif self.reps:
            parts.append(f"{self.reps} times")
        elif self.sets:
            parts.append(f"{self.sets} rounds")
        if self.hold_seconds:
            parts.append(f"hold {self.hold_seconds} s")
        if self.per_side:
            parts.append("each side")
        if self.minutes and not parts:
            parts.append(f"{_minutes(self.minutes)} min")
        if self.times_per_day > 1:
            parts.append(f"{self.times_per_day} times a day")
        if self.as_needed:
            parts.append("when needed")
        return ", ".join(parts) or "as described"


def _minutes(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


class CatalogEntry(Frozen):
    """One thing a plan can contain: an exercise, a massage, advice, a lesson or a referral."""

    id: str
    kind: Kind
    title: Annotated[str, Field(min_length=3, max_length=80)]
    summary: Sentence
    steps: list[Sentence] = Field(min_length=1, max_length=20)
    feel: str | None = Field(default=None, description="What the person should feel.")
    dose: Dose
    phases: list[Phase] = Field(min_length=1)
    equipment: list[Equipment] = Field(default_factory=list, description="All of these needed.")
    needs_partner: bool = False
    activity: Activity | None = Field(
        default=None, description="For aerobic items: the preferred activity this serves."
    )
    work: list[Work] = Field(default_factory=list, description="Work types this advice is for.")
    contraindications: list[Contra] = Field(default_factory=list)
    only_for: list[Contra] = Field(
        default_factory=list,
        description="Planned only for people to whom every one of these codes applies.",
    )
    position: Position = Field(
        description="The body position the entry needs: the easiest one it can be done in."
    )
    balance: bool = Field(
        default=False, description="Asks the person to balance without anything to hold."
    )
    cautions: list[Sentence] = Field(default_factory=list)
    progression: list[str] = Field(default_factory=list)
    regression: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(min_length=1)
    targets: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    level: int = Field(default=1, ge=1, le=5, description="Difficulty, 1 easiest.")
    order: int | None = Field(
        default=None, ge=1, le=99, description="Position in a routine (partner massage)."
    )
    target: Target | None = Field(default=None, description="Referral destination.")
    stances: dict[Guideline, Stance] = Field(default_factory=dict)
    evidence_note: str | None = Field(
        default=None, description="What the evidence says, in plain words, for guides."
    )

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"catalog id {value!r} must be lower-case words joined by '-'")
        return value

    @model_validator(mode="after")
    def _referral_has_target(self) -> CatalogEntry:
        if (self.kind == Kind.referral) != (self.target is not None):
            raise ValueError(f"{self.id}: a referral, and only a referral, names a target")
        if self.id in self.progression or self.id in self.regression:
            raise ValueError(f"{self.id}: an item cannot progress or regress to itself")
        return self

    @model_validator(mode="after")
    def _position_fits_kind(self) -> CatalogEntry:
        if self.kind in _BODY_KINDS and self.position not in BODY_POSITIONS:
            raise ValueError(f"{self.id}: a {self.kind.value} entry must name a body position")
        if self.kind in _NO_POSITION_KINDS and self.position != Position.none:
            raise ValueError(f"{self.id}: a {self.kind.value} entry needs no position ('none')")
        if self.balance and self.position not in _BALANCE_POSITIONS:
            raise ValueError(f"{self.id}: only a standing or walking entry can ask for balance")
        return self

    @property
    def ruled_out_by(self) -> frozenset[Contra]:
        """Every code that rules this entry out: its contraindications and its position's."""
        codes = {*self.contraindications, *POSITION_RULED_OUT_BY[self.position]}
        if self.balance:
            codes.add(Contra.balance_problems)
        return frozenset(codes)


class NotRecommended(Frozen):
    """Something the guidelines advise against, with the reason in the project's words."""

    id: str
    title: str
    why: Sentence
    evidence: list[str] = Field(min_length=1)
    applies_when: Any = Field(
        default=None, description="Condition on intake facts; absent means always listed."
    )
    stances: dict[Guideline, Stance] = Field(default_factory=dict)


class RedFlagRule(Frozen):
    """A red-flag rule: stable id, plain words for the person, rationale for the clinician."""

    id: Annotated[str, Field(pattern=r"^RF-\d{3}$")]
    version: int = Field(ge=1)
    code: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    level: Level
    label: Annotated[str, Field(min_length=3, max_length=120)]
    reason: Sentence
    rationale: Sentence
    inputs: list[str] = Field(min_length=1)
    evidence: list[str] = Field(min_length=1)
    when: Any
    escalates: bool = Field(
        default=True, description="False for weak single flags that are named, not escalated."
    )
    refer_to: Target | None = Field(
        default=None, description="Who to contact, when not the level's usual service."
    )

    @property
    def sources(self) -> list[str]:
        """The reference ids it follows (``evidence``; named as the other rule families')."""
        return self.evidence

    @model_validator(mode="after")
    def _weak_flags_do_not_escalate(self) -> RedFlagRule:
        if not self.escalates and self.level != Level.self_care:
            raise ValueError(f"{self.id}: a rule that does not escalate must be self_care")
        return self


class ReferralRule(Frozen):
    """A referral rule: when a referral is suggested, the person's reason, the clinician's."""

    id: Annotated[str, Field(pattern=r"^PR-\d{3}$")]
    entry: Annotated[str, Field(description="The catalog referral entry it suggests.")]
    when: Any
    inputs: list[str] = Field(min_length=1)
    why: Sentence = Field(description="What the person is told.")
    rationale: Sentence = Field(description="For clinicians: the plan item's rationale field.")
    sources: list[str] = Field(min_length=1)
    optional: bool = Field(default=False, description="Only an option to discuss.")


class LevelAction(Frozen):
    level: Level
    headline: str
    action: str
    timeframe: str


class Route(Frozen):
    """Where rules that name a target send the person, in words for each level."""

    target: Target
    referral: str = Field(description="Catalog referral entry the safety plan holds.")
    also: Sentence = Field(description="Added to the usual instruction when rules are mixed.")
    levels: list[LevelAction] = Field(min_length=1)


class DeEscalation(Frozen):
    """A higher rule that stands down for a lower one when every part of a pattern holds."""

    rule: Annotated[str, Field(pattern=r"^RF-\d{3}$")]
    instead: Annotated[str, Field(pattern=r"^RF-\d{3}$")]
    pattern: str
    parts: dict[str, Sentence] = Field(min_length=1)
