"""Who opened a record (for the person), and break-glass (for admins)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from backcare.access.break_glass import (
    BreakGlassCreate,
    BreakGlassRead,
    open_record,
    openings_of,
)
from backcare.access.policy import Actor
from backcare.audit.schemas import AccessSummary
from backcare.audit.service import who_opened
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import AccessLogAccess, BreakGlassAccess, PatientId

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}", tags=["access"])


class AccessLog(BaseModel):
    """What a person is shown about access to their record."""

    model_config = ConfigDict(frozen=True)

    opened_by: list[AccessSummary]
    break_glass: list[BreakGlassRead]


@router.get("/access-log", responses=problems(401, 403, 404))
async def access_log(patient_id: PatientId, access: AccessLogAccess) -> AccessLog:
    """Who read, changed or exported this record, how often and when; every break-glass."""

    def work(session: Session) -> AccessLog:
        return AccessLog(
            opened_by=who_opened(session, patient_id=patient_id),
            break_glass=openings_of(session, patient_id=patient_id),
        )

    return await access.read(work)


@router.post("/break-glass", status_code=201, responses=problems(401, 403, 404))
async def break_glass(
    patient_id: PatientId, data: BreakGlassCreate, access: BreakGlassAccess
) -> BreakGlassRead:
    """Admins only: open the record to read for a short time, for the reason given.

    Logged, listed to every admin and shown to the person.
    """

    def work(session: Session, actor: Actor) -> BreakGlassRead:
        state = access.state
        return open_record(
            session,
            admin=actor,
            patient_id=patient_id,
            data=data,
            source=access.request.source,
            now=state.now(),
            minutes=state.settings.break_glass_minutes,
        )

    return await access.write_as(work)
