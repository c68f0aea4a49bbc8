"""Referrals: the person and their team list them; a referral is made from the plan or to a
profession, then accepted or declined, booked, marked seen and closed, and may be answered by a
counter-referral. Illegal steps answer 409 naming the current status."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.referrals import service
from backcare.referrals.schemas import CounterCreate, ReferralCreate, ReferralRead, StepTaken
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import (
    PatientId,
    ReferralCreateAccess,
    ReferralReadAccess,
    ReferralUpdateAccess,
    RowNumber,
)

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/referrals", tags=["referrals"])


@router.get("", responses=problems(401, 404))
async def list_referrals(patient_id: PatientId, access: ReferralReadAccess) -> list[ReferralRead]:
    """Every referral, newest first, with each step (who, profession, when) and the steps the
    caller may take now."""

    def work(session: Session, actor: Actor) -> list[ReferralRead]:
        return service.list_referrals(session, patient_id=patient_id, actor=actor)

    return await access.read_as(work)


@router.post("", status_code=201, responses=problems(401, 403, 404, 409))
async def create_referral(
    patient_id: PatientId, data: ReferralCreate, access: ReferralCreateAccess
) -> ReferralRead:
    """Refer the person: from a referral item of the current plan, or to a profession (and
    maybe a named clinician in the team or a clinic). An emergency item is refused (go now)."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> ReferralRead:
        return service.create_referral(
            session,
            patient_id=patient_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)


@router.get("/{referral_id}", responses=problems(401, 404))
async def get_referral(
    patient_id: PatientId, referral_id: RowNumber, access: ReferralReadAccess
) -> ReferralRead:
    """One referral with its history."""

    def work(session: Session, actor: Actor) -> ReferralRead:
        return service.get_referral(
            session, patient_id=patient_id, referral_id=referral_id, actor=actor
        )

    return await access.read_as(work)


@router.post("/{referral_id}/steps", responses=problems(401, 403, 404, 409))
async def take_step(
    patient_id: PatientId, referral_id: RowNumber, data: StepTaken, access: ReferralUpdateAccess
) -> ReferralRead:
    """Accept, decline (with a reason in ``note``), book, mark seen or close; 409 when the step
    is not legal from the current status, 403 when the caller is not the one to take it."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> ReferralRead:
        return service.take_step(
            session,
            patient_id=patient_id,
            referral_id=referral_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)


@router.post("/{referral_id}/counter", status_code=201, responses=problems(401, 403, 404, 409))
async def counter_refer(
    patient_id: PatientId, referral_id: RowNumber, data: CounterCreate, access: ReferralUpdateAccess
) -> ReferralRead:
    """The clinician who saw the person refers back to the referring clinician: a new referral
    in the opposite direction, linked to this one."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> ReferralRead:
        return service.counter_refer(
            session,
            patient_id=patient_id,
            referral_id=referral_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)
