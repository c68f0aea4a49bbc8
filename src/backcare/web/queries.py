"""Read-side use cases the web needs that the feature services do not offer (yet)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.assessments import repository as plan_rows
from backcare.assessments import service as assessments
from backcare.assessments.schemas import AssessmentRead, PlanVersionRead
from backcare.errors import ConflictError, NotFoundError
from backcare.patients.service import ensure_patient_exists
from backcare.tracking import service as tracking
from backcare.tracking.schemas import (
    CheckInRead,
    MeasureRead,
    SessionLogCreate,
    SessionLogRead,
)
from backcare.tracking.vocabulary import MeasureKind
from backcare.web import repository
from backcare.web.schemas import (
    Page,
    PageParams,
    PlanVersionHead,
    PlanVersionSummary,
    make_page,
)


def require_plan(session: Session, *, patient_id: str) -> PlanVersionRead:
    """The patient's current plan version; NotFoundError for no patient or no plan yet."""
    # Straight to the repository: the service would load the patient row first, and this is
    # the most frequent read; the existence check is only needed to word the 404.
    row = plan_rows.current_plan(session, patient_id)
    if row is None:
        ensure_patient_exists(session, patient_id=patient_id)
        raise NotFoundError("This patient has no plan yet: send an assessment first.")
    return PlanVersionRead.model_validate(row)


def current_plan_json(session: Session, *, patient_id: str) -> bytes:
    """The current plan version as the JSON of ``PlanVersionRead``, with the plan as stored.

    The stored plan was checked against the plan contract when it was written, and plan
    versions are never updated, so it is sent as the database holds it: decoding 60 KB of
    JSON into objects, checking them again and encoding them back took most of the time of
    this, the most frequent read, and made garbage collection run often under load.
    """
    row = repository.current_plan_text(session, patient_id)
    if row is None:
        ensure_patient_exists(session, patient_id=patient_id)
        raise NotFoundError("This patient has no plan yet: send an assessment first.")
    plan: str = row.plan
    head = PlanVersionHead.model_validate(row._mapping).model_dump_json().encode()
    # The head is a non-empty JSON object: the plan goes in as its last member.
    return head[:-1] + b',"plan":' + plan.encode() + b"}"


def plan_summaries(session: Session, *, patient_id: str) -> list[PlanVersionSummary]:
    """Every plan version without its body, oldest first."""
    history = assessments.plan_history(session, patient_id=patient_id)
    return [PlanVersionSummary.model_validate(version) for version in history]


def log_planned_item(
    session: Session, *, patient_id: str, data: SessionLogCreate
) -> SessionLogRead:
    """Log a session item; 409 (ConflictError) when it is not in the current plan."""
    return tracking.record_session(session, patient_id=patient_id, data=data)


def require_filter_days(
    session: Session,
    *,
    patient_id: str,
    today: dt.date,
    since: dt.date | None,
    until: dt.date | None,
) -> None:
    """NotFound for no patient; InvalidInput for a ``since``/``until`` outside the record."""
    if since is None and until is None:
        ensure_patient_exists(session, patient_id=patient_id)
        return
    days = tracking.record_day_range(session, patient_id=patient_id, today=today)
    days.check_span(since, until)


def checkins_page(
    session: Session,
    *,
    patient_id: str,
    params: PageParams,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Page[CheckInRead]:
    """A page of check-ins, newest first."""
    require_filter_days(session, patient_id=patient_id, today=today, since=since, until=until)
    rows = repository.checkins_page(
        session, patient_id, limit=params.limit + 1, offset=params.offset, since=since, until=until
    )
    return make_page([CheckInRead.model_validate(row) for row in rows], params)


def sessions_page(
    session: Session,
    *,
    patient_id: str,
    params: PageParams,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Page[SessionLogRead]:
    """A page of session logs, newest first."""
    require_filter_days(session, patient_id=patient_id, today=today, since=since, until=until)
    rows = repository.session_logs_page(
        session, patient_id, limit=params.limit + 1, offset=params.offset, since=since, until=until
    )
    return make_page([SessionLogRead.model_validate(row) for row in rows], params)


def measures_page(
    session: Session, *, patient_id: str, params: PageParams, kind: MeasureKind | None = None
) -> Page[MeasureRead]:
    """A page of outcome measures, newest first."""
    ensure_patient_exists(session, patient_id=patient_id)
    rows = repository.measures_page(
        session,
        patient_id,
        limit=params.limit + 1,
        offset=params.offset,
        kind=None if kind is None else kind.value,
    )
    return make_page([MeasureRead.model_validate(row) for row in rows], params)


def baseline(session: Session, *, patient_id: str) -> AssessmentRead:
    """The first assessment, which progress is measured from; ConflictError before it."""
    ensure_patient_exists(session, patient_id=patient_id)
    found = assessments.first_assessment(session, patient_id=patient_id)
    if found is None:
        raise ConflictError("Progress starts from an assessment: send an assessment first.")
    return found
