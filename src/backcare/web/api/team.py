"""The care team: a person invites clinicians and revokes them; the lead and its hand-over;
a clinician answers an invitation; admins manage clinics."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path

from backcare.team import clinics, invites, members
from backcare.team.schemas import (
    ClinicCreate,
    ClinicRead,
    HandoverAnswer,
    HandoverCreate,
    HandoverRead,
    InviteAnswer,
    InviteAnswered,
    InviteCode,
    InviteCreate,
    InviteCreated,
    InvitePreview,
    InviteRead,
    TeamRead,
)
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import (
    InviteRedeemAccess,
    LeadHandoverAccess,
    ManageClinicsAccess,
    PatientId,
    RowNumber,
    TeamManageAccess,
    TeamReadAccess,
)

router = APIRouter(prefix=API_V1, tags=["team"])
Clinician = Annotated[
    str, Path(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9._-]+$", description="Username.")
]
ClinicName = Annotated[str, Path(min_length=2, max_length=120, description="The clinic's name.")]
RECORD = "/patients/{patient_id}/team"


@router.get(RECORD, responses=problems(401, 403, 404))
async def team(patient_id: PatientId, access: TeamReadAccess) -> TeamRead:
    """Who is in the person's care team, what each may see and since when; invitations and
    lead hand-overs."""
    now = access.state.now()
    return await access.read(partial(members.team_of, patient_id=patient_id, now=now))


@router.post(f"{RECORD}/invites", status_code=201, responses=problems(401, 403, 404))
async def invite(
    patient_id: PatientId, data: InviteCreate, access: TeamManageAccess
) -> InviteCreated:
    """A new invitation: its code is shown this once, works once and lasts a week."""

    return await access.act(invites.create_invite, patient_id=patient_id, data=data)


@router.post(f"{RECORD}/invites/{{invite_id}}/withdraw", responses=problems(401, 403, 404, 409))
async def withdraw(
    patient_id: PatientId, invite_id: RowNumber, access: TeamManageAccess
) -> InviteRead:
    """Take back an invitation nobody has answered."""

    return await access.act(invites.withdraw_invite, patient_id=patient_id, invite_id=invite_id)


@router.delete(f"{RECORD}/members/{{clinician}}", responses=problems(401, 403, 404))
async def revoke(patient_id: PatientId, clinician: Clinician, access: TeamManageAccess) -> TeamRead:
    """End a clinician's access at once (their next request is 404)."""

    return await access.act(members.remove_member, patient_id=patient_id, clinician=clinician)


@router.post(f"{RECORD}/handovers", status_code=201, responses=problems(401, 403, 404, 409))
async def offer_lead(
    patient_id: PatientId, data: HandoverCreate, access: LeadHandoverAccess
) -> HandoverRead:
    """Offer the lead to another clinician in the team (the person, or the current lead)."""

    return await access.act(members.offer_lead, patient_id=patient_id, clinician=data.clinician)


@router.post(f"{RECORD}/handovers/{{handover_id}}/answer", responses=problems(401, 403, 404, 409))
async def answer_lead(
    patient_id: PatientId, handover_id: RowNumber, data: HandoverAnswer, access: LeadHandoverAccess
) -> HandoverRead:
    """The clinician offered the lead accepts or declines."""

    return await access.act(
        members.answer_lead, patient_id=patient_id, handover_id=handover_id, accept=data.accept
    )


@router.post("/team/invites/preview", responses=problems(401, 403, 404, 409))
async def preview(data: InviteCode, access: InviteRedeemAccess) -> InvitePreview:
    """Clinicians: who invites you and what they share, before you answer."""
    now = access.state.now()
    return await access.read(partial(invites.preview_invite, code=data.code, now=now))


@router.post("/team/invites/answer", responses=problems(401, 403, 404, 409))
async def answer(data: InviteAnswer, access: InviteRedeemAccess) -> InviteAnswered:
    """Clinicians: accept (joining the person's care team) or decline; a code works once."""

    return await access.act(invites.answer_invite, data=data)


@router.get("/clinics", responses=problems(401, 403))
async def list_clinics(access: ManageClinicsAccess) -> list[ClinicRead]:
    """Every clinic with its clinicians (admins)."""
    return await access.read(clinics.list_clinics)


@router.post("/clinics", status_code=201, responses=problems(401, 403, 409))
async def create_clinic(data: ClinicCreate, access: ManageClinicsAccess) -> ClinicRead:
    """A new clinic (admins)."""

    return await access.act(clinics.create_clinic, data=data)


@router.put("/clinics/{clinic}/clinicians/{clinician}", responses=problems(401, 403, 404))
async def add_clinician(
    clinic: ClinicName, clinician: Clinician, access: ManageClinicsAccess
) -> ClinicRead:
    """Add a clinician to a clinic (admins)."""

    return await access.act(clinics.add_clinician, clinic=clinic, clinician=clinician)
