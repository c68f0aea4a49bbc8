"""Daily check-ins, session logs and outcome measures (PEG, PSFS, NPRS, STarT Back)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request

from backcare.tracking import service
from backcare.tracking.schemas import (
    CheckInCreate,
    CheckInRead,
    MeasureCreate,
    MeasureRead,
    SessionLogCreate,
    SessionLogRead,
)
from backcare.tracking.vocabulary import MeasureKind
from backcare.web import queries
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.checkins import checkin_outcome
from backcare.web.deps import (
    KnowledgeDep,
    PageDep,
    PatientId,
    ReadAccess,
    TodayDep,
    WriteAccess,
)
from backcare.web.idempotency import IdempotencyKey, once_api
from backcare.web.schemas import CheckInOutcome, Page
from backcare.web.state import web_state

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}", tags=["tracking"])
# Both within the record's days (domain.dates.record_days), else 422 naming the parameter.
Since = Annotated[dt.date | None, Query(description="First day, inclusive.")]
Until = Annotated[dt.date | None, Query(description="Last day, inclusive.")]


@router.post("/checkins", status_code=201, responses=problems(401, 403, 404))
async def add_checkin(
    request: Request,
    patient_id: PatientId,
    data: CheckInCreate,
    access: WriteAccess,
    knowledge: KnowledgeDep,
    today: TodayDep,
    key: IdempotencyKey = None,
) -> CheckInOutcome:
    """Record a daily check-in for a day from the start of the record to today (else 422); a
    new warning symptom, a flare-up or very high pain is reviewed at once. One a day: a second
    check-in for the same day replaces the first (``checkin.replaced``, and ``message`` says
    so), keeping any warning sign or flare-up said earlier that day. Sent again with the same
    Idempotency-Key, it stores nothing and gives the first answer."""
    work = partial(
        checkin_outcome,
        patient_id=patient_id,
        data=data,
        knowledge=knowledge,
        today=today,
        now=web_state(request).now(),
    )
    once = once_api(
        work,
        answer=CheckInOutcome,
        key=key,
        patient_id=patient_id,
        endpoint="checkins",
        sent=data,
        status_code=201,
        request=request,
    )
    return await access.write_as(once)


@router.get("/checkins", responses=problems(401, 404))
async def list_checkins(
    patient_id: PatientId,
    access: ReadAccess,
    page: PageDep,
    today: TodayDep,
    since: Since = None,
    until: Until = None,
) -> Page[CheckInRead]:
    """Check-ins, newest first, a page at a time."""
    work = partial(
        queries.checkins_page,
        patient_id=patient_id,
        params=page,
        today=today,
        since=since,
        until=until,
    )
    return await access.read(work)


@router.post("/sessions", status_code=201, responses=problems(401, 403, 404, 409))
async def add_session_log(
    request: Request,
    patient_id: PatientId,
    data: SessionLogCreate,
    access: WriteAccess,
    key: IdempotencyKey = None,
) -> SessionLogRead:
    """Log one plan item done in a session; the item must be in the current plan (else 409).
    Sent again with the same Idempotency-Key, it stores nothing and gives the first answer."""
    once = once_api(
        partial(queries.log_planned_item, patient_id=patient_id, data=data),
        answer=SessionLogRead,
        key=key,
        patient_id=patient_id,
        endpoint="sessions",
        sent=data,
        status_code=201,
        request=request,
    )
    return await access.write_as(once)


@router.get("/sessions", responses=problems(401, 404))
async def list_session_logs(
    patient_id: PatientId,
    access: ReadAccess,
    page: PageDep,
    today: TodayDep,
    since: Since = None,
    until: Until = None,
) -> Page[SessionLogRead]:
    """Session logs, newest first, a page at a time."""
    work = partial(
        queries.sessions_page,
        patient_id=patient_id,
        params=page,
        today=today,
        since=since,
        until=until,
    )
    return await access.read(work)


@router.post("/measures", status_code=201, responses=problems(401, 403, 404))
async def add_measure(
    patient_id: PatientId, data: MeasureCreate, access: WriteAccess, today: TodayDep
) -> MeasureRead:
    """Record an outcome measure; PEG and PSFS means and STarT Back risk are derived.

    Its date may be up to a year before the record began and not after the person's today.
    """
    work = partial(service.record_measure, patient_id=patient_id, data=data, today=today)
    return await access.write(work)


@router.get("/measures", responses=problems(401, 404))
async def list_measures(
    patient_id: PatientId,
    access: ReadAccess,
    page: PageDep,
    kind: Annotated[MeasureKind | None, Query(description="Only this measure.")] = None,
) -> Page[MeasureRead]:
    """Measures, newest first, a page at a time."""
    work = partial(queries.measures_page, patient_id=patient_id, params=page, kind=kind)
    return await access.read(work)
