"""The plan document (contract 3) and the triage document (contract 2) as pydantic models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from backcare.domain.vocabulary import Guideline, Kind, Level, Stance, Target

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Red flags and plan items are shared between people's documents (each distinct one is made
# once), so their sequences are tuples: nothing one plan does can show up in another's. The
# JSON is the same as with lists.


class RedFlag(Doc):
    id: str
    code: str
    level: Level
    label: str
    reason: str
    escalates: bool
    evidence: tuple[str, ...]


class TriageResult(Doc):
    level: Level
    red_flags: list[RedFlag]
    action: str
    headline: str
    timeframe: str
    rules_version: str
    disclaimer: str


class PlanItem(Doc):
    id: str
    kind: Kind
    title: str
    summary: str
    why: str
    dose: str
    minutes: float = Field(description="Minutes one session of this item takes.")
    schedule: str
    days: tuple[str, ...] = Field(
        description="Days it is timetabled on; empty when used as needed."
    )
    evidence: tuple[str, ...]
    steps: tuple[str, ...]
    feel: str | None = None
    cautions: tuple[str, ...]
    target: Target | None = None
    progression: tuple[str, ...] = ()
    regression: tuple[str, ...] = ()
    level: int = 1
    rule: str | None = Field(
        default=None, description="Id of the plan rule that chose it (PR-0xx), for clinicians."
    )
    rationale: str | None = Field(
        default=None, description="Why the rule holds, for clinicians; never shown as advice."
    )


class NotRecommendedItem(Doc):
    id: str
    title: str
    why: str
    evidence: tuple[str, ...]


class Classification(Doc):
    duration: str
    type: str
    risk: str
    recurrent: bool
    psychosocial_indicators: list[str]
    startback: dict[str, object] | None = None


class Plan(Doc):
    triage: TriageResult
    classification: Classification
    items: list[PlanItem]
    not_recommended: list[NotRecommendedItem]
    stances: dict[str, dict[Guideline, Stance]]
    week: dict[str, list[str]]
    total_minutes_per_day: dict[str, float]
    minutes_per_day_budget: int
    explanation: list[str] = Field(description="Plain-language reasons for the plan's shape.")
    excluded: list[dict[str, str]] = Field(
        default_factory=list, description="Catalog items left out for safety, with the reason."
    )
    knowledge_version: str
    disclaimer: str
