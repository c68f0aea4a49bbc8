"""What goes into and comes out of the case review."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backcare.alerts.schemas import AlertState
from backcare.case_review.vocabulary import OwnerKind, Reason
from backcare.domain.text import Line, Text
from backcare.notes.schemas import NoteRead

TITLE_MAX = 120
MINUTES_MAX = 20_000
DECISION_MAX = 2_000
MAX_ATTENDEES = 50
PatientRef = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class MeetingCreate(Input):
    """A new meeting: of a clinic you belong to, or of the care team of one person you care
    for (exactly one of ``clinic`` and ``patient_id``), about the week ending ``held_on``."""

    clinic: Annotated[Line, Field(min_length=1, max_length=120)] | None = None
    patient_id: PatientRef | None = None
    held_on: dt.date
    title: Annotated[Line, Field(max_length=TITLE_MAX)] = ""
    attendees: list[Annotated[Line, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list,
        max_length=MAX_ATTENDEES,
        description="Usernames of the other clinicians at the meeting (you are added).",
    )

    @model_validator(mode="after")
    def _one_owner(self) -> Self:
        if (self.clinic is None) == (self.patient_id is None):
            raise ValueError("give either clinic or patient_id: a meeting is of one or the other")
        return self


class AttendeesUpdate(Input):
    """Who is at the meeting: usernames of clinicians of its clinic or the person's team."""

    attendees: list[Annotated[Line, Field(min_length=1, max_length=64)]] = Field(
        max_length=MAX_ATTENDEES
    )


class MinutesUpdate(Input):
    """The minutes so far (they replace what was there; only while the meeting is open)."""

    minutes: Annotated[Text, Field(max_length=MINUTES_MAX)]


class DecisionCreate(Input):
    """A decision about the person's care: what, who carries it out, and by when."""

    text: Annotated[Text, Field(min_length=3, max_length=DECISION_MAX)]
    owner: Annotated[Line, Field(min_length=1, max_length=64)] = Field(
        description='"person" for the person themselves, or the username of a clinician in '
        "their care team."
    )
    due_on: dt.date


class AddendumCreate(Input):
    """Text added to a closed meeting's minutes."""

    body: Annotated[Text, Field(min_length=1, max_length=MINUTES_MAX)]


class AttendeeRead(Out):
    username: str
    profession: str | None


class AgendaEntry(Out):
    """A person on the agenda and why: open alerts, flagged, not improving, added by hand."""

    patient_id: str
    name: str
    reasons: list[Reason]
    open_alerts: int
    baseline_pain: int | None = Field(description="Pain at the first assessment (0-10).")
    pain_this_week: float | None = Field(
        description="Mean check-in pain of the meeting's week, with enough check-ins."
    )
    readings: int = Field(description="Check-ins in the meeting's week.")
    added_by: str | None = None


class DecisionRead(Out):
    """A decision recorded at a meeting."""

    id: int
    meeting_id: int
    held_on: dt.date
    patient_id: str
    text: str
    owner_kind: OwnerKind
    owner_name: str
    due_on: dt.date
    decided_by: str
    profession: str | None
    decided_at: dt.datetime


class AddendumRead(Out):
    body: str
    author_name: str
    created_at: dt.datetime


class MeetingRow(Out):
    """A meeting in the list."""

    id: int
    title: str
    scope: Literal["clinic", "team"]
    clinic: str | None
    patient_id: str | None
    held_on: dt.date
    closed: bool


class MeetingRead(Out):
    """A meeting with its agenda (the people you care for only), minutes and decisions."""

    id: int
    title: str
    scope: Literal["clinic", "team"]
    clinic: str | None
    patient_id: str | None
    held_on: dt.date
    week_from: dt.date
    opened_by: str
    opened_at: dt.datetime
    attendees: list[AttendeeRead]
    minutes: str
    closed_by: str | None
    closed_at: dt.datetime | None
    agenda: list[AgendaEntry]
    decisions: list[DecisionRead]
    addenda: list[AddendumRead]


class WeekFigures(Out):
    """One week of the summary: mean pain against the important-change band, adherence."""

    week: dt.date
    pain_mean: float | None
    readings: int
    improved: bool | None = Field(description="An important fall from the first pain score.")
    worsened: bool | None = Field(description="An important rise from the first pain score.")
    done: int
    planned: int
    adherence: float | None


class Trend(Out):
    """Pain each week against the first assessment's: an important change is ``important_points``
    or ``important_share`` of it (the knowledge's thresholds, OSTELO-2008)."""

    baseline_pain: int
    important_points: float
    important_share: float
    weeks: list[WeekFigures]


class PlanChange(Out):
    """A plan version made since the last review: when, by whom, in what role, and why."""

    version: int
    made_at: dt.datetime
    author: str
    profession: str | None
    reason: str


class ReferralRead(Out):
    """An open referral: one in the referral workflow (not declined or closed), or a referral
    item of the current plan that nobody has requested yet (``status`` "suggested")."""

    referral_id: int | None = Field(description="The workflow referral; None for a suggestion.")
    item_id: str | None = Field(description="The plan item it came from, if any.")
    title: str
    status: str = Field(description="The workflow status, or 'suggested' (plan item only).")
    profession: str | None
    target: str | None
    why: str
    since: dt.date | None = Field(description="When the referral was made (None: suggestion).")


class SummaryRead(Out):
    """One person's page for the meeting. ``notes`` is None when the person shares their plan
    and progress only with you: notes are then not yours to read."""

    meeting_id: int
    patient_id: str
    name: str
    held_on: dt.date
    since: dt.date | None = Field(description="The day of the person's last case review.")
    level: str | None
    trend: Trend | None
    plan_changes: list[PlanChange]
    notes: list[NoteRead] | None
    open_alerts: list[AlertState]
    open_referrals: list[ReferralRead]
    decisions: list[DecisionRead]
    team: list[AttendeeRead]
    on_agenda: bool
    closed: bool
