"""What a report of having been seen takes and gives."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from backcare.domain.text import Text
from backcare.seen.vocabulary import ReportStatus, SeenBy, SeenOutcome
from backcare.tracking.vocabulary import WarningSymptom

REASON_MAX = 500


class SeenReportCreate(BaseModel):
    """The person was seen: by whom, when, what they were told, and the warning questions
    answered again (the codes answered yes; an empty list means no to every one)."""

    model_config = ConfigDict(extra="forbid")

    seen_by: SeenBy
    seen_on: dt.date
    outcome: SeenOutcome
    warnings: list[WarningSymptom] = Field(
        max_length=len(WarningSymptom),
        description="Required, so that every warning question is answered: the codes true now.",
    )
    history_assessed: bool = Field(
        default=False,
        description="With no care team, when only a history answer (a past cancer, say) keeps "
        "the safety plan: the doctor knew of that history and checked the person with it in "
        "mind. With a team, the clinician who confirms says so instead.",
    )


class SeenDecision(BaseModel):
    """A clinician in the team confirms the report (the safety plan is lifted) or not yet."""

    model_config = ConfigDict(extra="forbid")

    confirm: bool
    reason: Text = Field(min_length=3, max_length=REASON_MAX)


class SeenReportRead(BaseModel):
    """A report and what became of it."""

    model_config = ConfigDict(frozen=True)

    id: int
    plan_version: int
    seen_by: SeenBy
    seen_on: dt.date
    outcome: SeenOutcome
    status: ReportStatus
    reported_by: str
    reported_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    new_plan_version: int | None
    message: str = Field(description="What happens now, in plain words.")
