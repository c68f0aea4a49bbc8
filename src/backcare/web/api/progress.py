"""Progress against the baseline, and the weekly review."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from backcare.adaptation.schemas import ReviewReport
from backcare.adaptation.service import review_patient
from backcare.domain.dates import report_days
from backcare.knowledge.loader import Knowledge
from backcare.tracking.progress import ProgressRead, progress_for
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import KnowledgeDep, PatientId, PlanReadAccess, TodayDep, WriteAccess
from backcare.web.queries import baseline

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}", tags=["progress"])


def _progress(
    session: Session, *, patient_id: str, on: dt.date | None, today: dt.date, knowledge: Knowledge
) -> ProgressRead:
    first = baseline(session, patient_id=patient_id)
    if on is not None:
        report_days(start=first.created_at.date(), today=today).check("on", on)
    return progress_for(session, patient_id=patient_id, today=on or today, knowledge=knowledge)


def _review(
    session: Session, *, patient_id: str, knowledge: Knowledge, day: dt.date
) -> ReviewReport:
    baseline(session, patient_id=patient_id)
    return review_patient(session, patient_id=patient_id, knowledge=knowledge, today=day)


@router.get("/progress", responses=problems(401, 404, 409))
async def progress(
    patient_id: PatientId,
    access: PlanReadAccess,
    today: TodayDep,
    knowledge: KnowledgeDep,
    on: Annotated[
        dt.date | None,
        Query(description="Judge as of this day: from the first assessment to today."),
    ] = None,
) -> ProgressRead:
    """Pain week by week against the baseline and the clinically important change, PEG,
    PSFS, exercise sessions against the plan's and streaks; 409 before the first assessment."""
    work = partial(_progress, patient_id=patient_id, on=on, today=today, knowledge=knowledge)
    return await access.read(work)


@router.post("/review", responses=problems(401, 403, 404, 409))
async def review(
    patient_id: PatientId, access: WriteAccess, knowledge: KnowledgeDep, today: TodayDep
) -> ReviewReport:
    """Run the weekly review now: progress, regress, refer or keep, each change explained;
    a plan changed less than a week ago is left alone."""
    return await access.write(
        lambda session: _review(session, patient_id=patient_id, knowledge=knowledge, day=today)
    )
