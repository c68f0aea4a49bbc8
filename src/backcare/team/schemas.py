"""What the care team's API takes and gives."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from backcare.accounts.vocabulary import Profession
from backcare.domain.text import Line
from backcare.team.vocabulary import HandoverStatus, InviteStatus, Share

CODE_MAX = 40


class InviteCreate(BaseModel):
    """A person invites a clinician, choosing what to share."""

    model_config = ConfigDict(extra="forbid")

    share: Share = Field(description="The whole record, or the plan and progress only.")


class InviteCreated(BaseModel):
    """The invitation's code, shown once: only its hash is kept."""

    model_config = ConfigDict(frozen=True)

    id: int
    code: str = Field(description="Give this to the clinician; it works once.")
    link: str = Field(description="The page where the clinician enters the code, with it filled.")
    share: Share
    expires_at: dt.datetime


class InviteCode(BaseModel):
    """A clinician's copy of an invitation code."""

    model_config = ConfigDict(extra="forbid")

    code: Line = Field(min_length=1, max_length=CODE_MAX)


class InviteAnswer(InviteCode):
    """A clinician accepts or declines the invitation the code stands for."""

    accept: bool = Field(description="True to join the person's care team, False to decline.")


class InvitePreview(BaseModel):
    """What a clinician is shown before answering: who invites them and what is shared."""

    model_config = ConfigDict(frozen=True)

    person: str
    share: Share
    expires_at: dt.datetime


class InviteRead(BaseModel):
    """An invitation as its person sees it (never its code)."""

    model_config = ConfigDict(frozen=True)

    id: int
    share: Share
    status: InviteStatus | str = Field(description="open, accepted, declined, withdrawn, expired.")
    created_at: dt.datetime
    expires_at: dt.datetime
    clinician: str | None


class InviteAnswered(BaseModel):
    """What came of answering an invitation."""

    model_config = ConfigDict(frozen=True)

    patient_id: str
    status: InviteStatus
    share: Share
    lead: bool


class TeamMember(BaseModel):
    """A clinician in a person's care team."""

    model_config = ConfigDict(frozen=True)

    clinician: str
    profession: Profession | None
    clinics: list[str]
    share: Share | str = Field(description="whole_record, plan_and_progress, or care.")
    since: dt.datetime
    lead: bool


class HandoverCreate(BaseModel):
    """Offer the lead role to another clinician in the team."""

    model_config = ConfigDict(extra="forbid")

    clinician: Line = Field(min_length=1, max_length=64)


class HandoverAnswer(BaseModel):
    """The clinician offered the lead accepts or declines."""

    model_config = ConfigDict(extra="forbid")

    accept: bool


class HandoverRead(BaseModel):
    """A hand-over of the lead role, as the person and the team see it."""

    model_config = ConfigDict(frozen=True)

    id: int
    to_clinician: str
    offered_by: str
    offered_at: dt.datetime
    status: HandoverStatus
    answered_at: dt.datetime | None


class TeamRead(BaseModel):
    """A person's care team: who is in it, open invitations and lead hand-overs."""

    model_config = ConfigDict(frozen=True)

    members: list[TeamMember]
    invites: list[InviteRead]
    handovers: list[HandoverRead]


class ClinicCreate(BaseModel):
    """A new clinic."""

    model_config = ConfigDict(extra="forbid")

    name: Line = Field(min_length=2, max_length=120)


class ClinicRead(BaseModel):
    """A clinic and its clinicians."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    clinicians: list[str]
