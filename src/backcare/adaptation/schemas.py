"""What the reviews report: the rules that fired, each change, and what was stored."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, computed_field

from backcare.domain.vocabulary import Level
from backcare.tracking.schemas import AlertRead

ReviewKind = Literal["weekly", "checkin", "flare_end"]


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class RuleFired(Out):
    """An adaptation rule that fired (``AR-00x``) and what it said."""

    id: str
    reason: str


class ChangeRead(Out):
    """One plan item a rule changed, and why."""

    item_id: str
    action: str
    replacement_id: str | None
    reason: str


class ReviewRead(Out):
    """One review and what it stored: a plan version, an assessment, alerts (or nothing)."""

    kind: ReviewKind
    day: dt.date
    rules_fired: list[RuleFired]
    changes: list[ChangeRead]
    explanation: str
    plan_version: int | None
    """The version this review created; None when the plan stayed as it was."""
    assessment_id: int | None
    """The assessment stored from new warning answers, if any."""
    alerts: list[AlertRead]
    flare_until: dt.date | None = None
    figures: dict[str, Any] | None = None
    """What a weekly review measured: this week's pain against the start of the episode, of
    the plan version and last week, the trend (points a week), the important-change rule with
    its source, and exercise sessions and daily items done out of those planned."""


class ReviewReport(Out):
    """The reviews one command ran, in order, and the plan the patient is on afterwards."""

    patient_id: str
    reviews: list[ReviewRead]
    plan_version: int
    level: Level
    headline: str
    action: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def changed(self) -> bool:
        """Whether any review made a new plan version."""
        return any(review.plan_version is not None for review in self.reviews)
