"""What goes into and comes out of the tracking package; ranges here give the error messages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from backcare.domain.classify import score_startback
from backcare.domain.intake import StartBackAnswers
from backcare.domain.text import Line, Text
from backcare.tracking.vocabulary import AlertKind, MeasureKind, WarningSymptom

Score = Annotated[int, Field(ge=0, le=10)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class CheckInCreate(Input):
    """A daily check-in."""

    date: dt.date
    pain_now: Score = Field(description="Pain right now, 0 (none) to 10 (worst imaginable).")
    sessions_done: int = Field(default=0, ge=0, le=20, description="Sessions done that day.")
    minutes: int = Field(default=0, ge=0, le=1440, description="Minutes of exercise that day.")
    notes: Text = Field(default="", max_length=4000)
    warnings: list[WarningSymptom] = Field(
        default_factory=list, description="Warning questions answered yes."
    )
    flare_up: bool = Field(default=False, description="The person says they are in a flare-up.")


class CheckInRead(Read):
    id: int
    patient_id: str
    date: dt.date
    pain_now: int
    sessions_done: int
    minutes: int
    notes: str
    warnings: list[WarningSymptom]
    flare_up: bool
    created_at: dt.datetime


class CheckInSaved(CheckInRead):
    """A check-in as a check-in stored it: new, or in place of the day's earlier one."""

    replaced: bool = Field(
        default=False,
        description="True when it replaced the check-in the person had already made that day "
        "(one a day; warning signs and a flare-up said earlier stay).",
    )


class SessionLogCreate(Input):
    """One plan item done in a session."""

    date: dt.date
    item_id: Line = Field(min_length=1, max_length=100, description="Plan item (catalog id).")
    duration_seconds: int = Field(ge=0, le=24 * 3600)
    felt: Score = Field(description="How it felt, 0 (very bad) to 10 (very good).")
    stopped_early: bool = False
    stop_reason: Text | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _reason_only_when_stopped(self) -> SessionLogCreate:
        if self.stop_reason and not self.stopped_early:
            raise ValueError("stop_reason: give a reason only when the session was stopped early")
        return self


class SessionLogRead(Read):
    id: int
    patient_id: str
    date: dt.date
    item_id: str
    duration_seconds: int
    felt: int
    stopped_early: bool
    stop_reason: str | None
    created_at: dt.datetime


class Nprs(Input):
    """Numeric pain rating."""

    kind: Literal[MeasureKind.NPRS] = MeasureKind.NPRS
    score: Score


class Peg(Input):
    """PEG: pain, interference with enjoyment of life and with general activity, last week."""

    kind: Literal[MeasureKind.PEG] = MeasureKind.PEG
    pain: Score
    enjoyment: Score
    activity: Score

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mean(self) -> float:
        """The PEG score is the mean of its three items (Krebs 2009)."""
        return round((self.pain + self.enjoyment + self.activity) / 3, 2)


class PsfsActivity(Input):
    activity: Line = Field(min_length=1, max_length=200, description="In the person's words.")
    score: Score = Field(description="0 = unable to do it, 10 = as before the problem.")


class Psfs(Input):
    """Patient-specific functional scale: up to five activities the person chose."""

    kind: Literal[MeasureKind.PSFS] = MeasureKind.PSFS
    activities: list[PsfsActivity] = Field(min_length=1, max_length=5)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mean(self) -> float:
        """The PSFS score is the mean over the activities."""
        return round(sum(a.score for a in self.activities) / len(self.activities), 2)


class StartBack(Input):
    """STarT Back answers entered by a clinician; total, distress and risk are derived."""

    kind: Literal[MeasureKind.STARTBACK] = MeasureKind.STARTBACK
    answers: StartBackAnswers

    @computed_field  # type: ignore[prop-decorator]
    @property
    def score(self) -> dict[str, Any]:
        """Total 0-9, distress subscale 0-5 and the risk group."""
        result = score_startback(self.answers)
        return {"total": result.total, "distress": result.distress, "risk": result.risk.value}


MeasureValue = Annotated[Nprs | Peg | Psfs | StartBack, Field(discriminator="kind")]


class MeasureCreate(Input):
    """An outcome measure on a date."""

    date: dt.date
    value: MeasureValue


class MeasureRead(Read):
    id: int
    patient_id: str
    kind: MeasureKind
    date: dt.date
    value: dict[str, Any]
    created_at: dt.datetime


class AlertCreate(Input):
    kind: AlertKind
    detail: dict[str, Any] = Field(default_factory=dict)


class AlertRead(Read):
    id: int
    patient_id: str
    kind: AlertKind
    detail: dict[str, Any]
    resolved: bool
    resolved_at: dt.datetime | None
    created_at: dt.datetime


class TrackingSummary(BaseModel):
    """Counts shown beside a patient's profile."""

    model_config = ConfigDict(frozen=True)

    checkins: int
    last_checkin: dt.date | None
    open_alerts: int
