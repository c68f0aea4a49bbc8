"""Tracking use cases. Services take a Session, never commit, and raise domain errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from backcare.assessments import repository as plans
from backcare.domain.dates import DayRange, record_days
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.patients.service import ensure_patient_exists
from backcare.store.types import utcnow
from backcare.tracking import repository
from backcare.tracking.models import Alert, CheckIn, Measure, SessionLog
from backcare.tracking.schemas import (
    AlertCreate,
    AlertRead,
    CheckInCreate,
    CheckInRead,
    CheckInSaved,
    MeasureCreate,
    MeasureRead,
    SessionLogCreate,
    SessionLogRead,
    TrackingSummary,
)
from backcare.tracking.vocabulary import AlertKind, WarningSymptom


def record_checkin(
    session: Session, *, patient_id: str, data: CheckInCreate, today: dt.date
) -> CheckInSaved:
    """Store a daily check-in for a day from the start of the record to ``today``; a second
    check-in that day replaces the first (``replaced`` is then true), so no day counts twice."""
    # One query both finds the patient (NotFoundError) and the start of their record.
    require_checkin_day(session, patient_id=patient_id, day=data.date, today=today)
    row = repository.insert_checkin(session, checkin_values(patient_id, data))
    if row is not None:
        return CheckInSaved.model_validate(dict(row))
    return replace_checkin(session, patient_id=patient_id, data=data)


def replace_checkin(session: Session, *, patient_id: str, data: CheckInCreate) -> CheckInSaved:
    """Put ``data`` in place of the check-in the person already has on its day.

    The answers are the new ones, except that warning signs and a flare-up said earlier that
    day stay: they may have changed the plan or alerted a clinician already, and a later
    answer must not hide why (SAFETY.md H-120).
    """
    earlier = repository.checkin_on(session, patient_id, data.date)
    if earlier is None:
        raise ConflictError("date: the check-in of that day changed meanwhile; send it again.")
    values = checkin_values(patient_id, data)
    values["warnings"] = merged_warnings(earlier.warnings, values["warnings"])
    values["flare_up"] = earlier.flare_up or data.flare_up
    for name, value in values.items():
        setattr(earlier, name, value)
    session.flush()
    return CheckInSaved.model_validate(earlier).model_copy(update={"replaced": True})


def merged_warnings(earlier: list[str], later: list[str]) -> list[str]:
    """Every warning code said that day, earlier ones first, each once."""
    return list(dict.fromkeys([*earlier, *later]))


def one_per_day(checkins: list[CheckInCreate]) -> list[CheckInCreate]:
    """Check-ins with at most one a day: a later one replaces an earlier one of its day, as a
    second check-in does (``replace_checkin``), keeping every warning sign and flare-up."""
    kept: dict[dt.date, CheckInCreate] = {}
    for later in checkins:
        earlier = kept.get(later.date)
        if earlier is not None:
            codes = merged_warnings(
                [code.value for code in earlier.warnings], [code.value for code in later.warnings]
            )
            later = later.model_copy(
                update={
                    "warnings": [WarningSymptom(code) for code in codes],
                    "flare_up": earlier.flare_up or later.flare_up,
                }
            )
        kept[later.date] = later
    return list(kept.values())


def require_not_after_today(day: dt.date, today: dt.date, *, field: str = "date") -> None:
    """InvalidInputError when ``day`` is later than the person's today."""
    if day > today:
        raise InvalidInputError(
            f"{field}: {day.isoformat()} is after today ({today.isoformat()}); a check-in is "
            "for today or an earlier day."
        )


def record_start_day(session: Session, *, patient_id: str) -> dt.date:
    """The first day of a patient's record (the first assessment, or when they were added)."""
    started = repository.record_start(session, patient_id)
    if started is None:
        raise NotFoundError(f"No patient has the id {patient_id!r}.")
    return started.date()


def require_checkin_day(session: Session, *, patient_id: str, day: dt.date, today: dt.date) -> None:
    """A check-in day must lie between the start of the record and today (both included)."""
    # One place for every front end: the API, the CLI, the web page and imports all come here.
    start = record_start_day(session, patient_id=patient_id)
    require_not_after_today(day, today)
    if day < start:
        raise InvalidInputError(
            f"date: {day.isoformat()} is before this person's record began "
            f"({start.isoformat()}); to add earlier days, first record an assessment for the "
            "day they start from (backcare assess --date)."
        )


def checkin_values(patient_id: str, data: CheckInCreate) -> dict[str, Any]:
    """The row of a check-in, as the check-ins table takes it."""
    return {
        "patient_id": patient_id,
        "date": data.date,
        "pain_now": data.pain_now,
        "sessions_done": data.sessions_done,
        "minutes": data.minutes,
        "notes": data.notes,
        "warnings": [code.value for code in data.warnings],
        "flare_up": data.flare_up,
        "created_at": utcnow(),
    }


def record_session(session: Session, *, patient_id: str, data: SessionLogCreate) -> SessionLogRead:
    """Store one plan item done in a session; the item must be in the patient's current plan."""
    ensure_patient_exists(session, patient_id=patient_id)
    _require_planned(session, patient_id=patient_id, item_ids=[data.item_id])
    row = SessionLog(patient_id=patient_id, **data.model_dump())
    return SessionLogRead.model_validate(repository.add(session, row))


def record_sessions(
    session: Session, *, patient_id: str, data: list[SessionLogCreate]
) -> list[SessionLogRead]:
    """Store several plan items done in one session, checking the plan once."""
    ensure_patient_exists(session, patient_id=patient_id)
    _require_planned(session, patient_id=patient_id, item_ids=[log.item_id for log in data])
    rows = [SessionLog(patient_id=patient_id, **log.model_dump()) for log in data]
    repository.add_all(session, rows)
    return [SessionLogRead.model_validate(row) for row in rows]


def _require_planned(session: Session, *, patient_id: str, item_ids: list[str]) -> None:
    # A mistyped id would silently count as a session of nothing and skew adherence.
    plan = plans.current_plan(session, patient_id)
    if plan is None:
        raise ConflictError("item_id: the patient has no plan yet, so no session can be logged.")
    planned = [item["id"] for item in plan.plan.get("items", [])]
    for item_id in item_ids:
        _require_one(item_id, planned, plan.version)


def _require_one(item_id: str, planned: list[str], version: int) -> None:
    if item_id not in planned:
        raise ConflictError(
            f"item_id: {item_id!r} is not in the current plan (version {version}); "
            f"its items are {', '.join(planned) or 'none'}."
        )


def record_day_range(session: Session, *, patient_id: str, today: dt.date) -> DayRange:
    """The days the patient's record may hold (``domain.dates``); NotFoundError for no patient."""
    began = repository.record_began(session, patient_id)
    if began is None:
        raise NotFoundError(f"No patient has the id {patient_id!r}.")
    return record_days(began=began, today=today)


def record_measure(
    session: Session, *, patient_id: str, data: MeasureCreate, today: dt.date
) -> MeasureRead:
    """Store an outcome measure with its derived scores (PEG mean, PSFS mean, STarT Back risk);
    its date must lie in the record's days as of the person's ``today``."""
    record_day_range(session, patient_id=patient_id, today=today).check("date", data.date)
    value = data.value.model_dump(mode="json", exclude={"kind"})
    row = Measure(patient_id=patient_id, kind=data.value.kind.value, date=data.date, value=value)
    return MeasureRead.model_validate(repository.add(session, row))


def raise_alert(
    session: Session, *, patient_id: str, data: AlertCreate, at: dt.datetime | None = None
) -> AlertRead:
    """Open an alert that stays until someone resolves it (``at`` back-dates demo data)."""
    ensure_patient_exists(session, patient_id=patient_id)
    row = Alert(
        patient_id=patient_id, kind=data.kind.value, detail=data.detail, created_at=at or utcnow()
    )
    return AlertRead.model_validate(repository.add(session, row))


def resolve_alert(session: Session, *, patient_id: str, alert_id: int) -> AlertRead:
    """Mark an alert resolved (kept, not deleted, so the history shows it)."""
    row = repository.alert(session, patient_id, alert_id)
    if row is None:
        raise NotFoundError(f"Patient {patient_id!r} has no alert {alert_id}.")
    if not row.resolved:
        row.resolved, row.resolved_at = True, utcnow()
        session.flush()
    return AlertRead.model_validate(row)


def list_checkins(
    session: Session, *, patient_id: str, since: dt.date | None = None, until: dt.date | None = None
) -> list[CheckInRead]:
    """Check-ins between two dates (inclusive), oldest first."""
    rows = repository.checkins(session, patient_id, since=since, until=until)
    return [CheckInRead.model_validate(row) for row in rows]


def list_sessions(
    session: Session, *, patient_id: str, since: dt.date | None = None, until: dt.date | None = None
) -> list[SessionLogRead]:
    """Session logs between two dates (inclusive), oldest first."""
    rows = repository.session_logs(session, patient_id, since=since, until=until)
    return [SessionLogRead.model_validate(row) for row in rows]


def list_measures(
    session: Session, *, patient_id: str, kind: str | None = None, since: dt.date | None = None
) -> list[MeasureRead]:
    """Measures, optionally of one kind, oldest first."""
    rows = repository.measures(session, patient_id, kind=kind, since=since)
    return [MeasureRead.model_validate(row) for row in rows]


def list_alerts(session: Session, *, patient_id: str, open_only: bool = False) -> list[AlertRead]:
    """Alerts, oldest first."""
    rows = repository.alerts(session, patient_id, open_only=open_only)
    return [AlertRead.model_validate(row) for row in rows]


def tracking_summary(session: Session, *, patient_id: str) -> TrackingSummary:
    """How many check-ins, the latest one's date, and how many alerts are open."""
    ensure_patient_exists(session, patient_id=patient_id)
    count, last = repository.checkin_span(session, patient_id)
    alerts = repository.count_open_alerts(session, patient_id)
    return TrackingSummary(checkins=count, last_checkin=last, open_alerts=alerts)


def import_checkins(
    session: Session, *, patient_id: str, data: list[CheckInCreate], today: dt.date
) -> int:
    """Store many check-ins at once (imports, benchmarks) into days without one, each day
    checked; returns how many were stored (one a day)."""
    ensure_patient_exists(session, patient_id=patient_id)
    if data:
        start = record_start_day(session, patient_id=patient_id)
        for item in data:
            require_not_after_today(item.date, today)
            if item.date < start:
                require_checkin_day(session, patient_id=patient_id, day=item.date, today=today)
    # Into a record with no check-in on those days: a later one of a day replaces an earlier.
    rows = [CheckIn(**checkin_values(patient_id, item)) for item in one_per_day(data)]
    repository.add_all(session, rows)
    return len(rows)


def items_done_on(session: Session, *, patient_id: str, day: dt.date) -> frozenset[str]:
    """The plan items logged on ``day``, done or stopped: a session reopened that day resumes
    at the first item not among them, read from the saved logs (nothing else to keep in step).
    """
    return repository.items_logged_on(session, patient_id, day)


def open_alert_kinds(session: Session, *, patient_id: str) -> list[AlertKind]:
    """The kinds of a patient's open alerts, each once, in the order they were first raised."""
    kinds = repository.open_alert_kinds(session, patient_id)
    return [AlertKind(kind) for kind in dict.fromkeys(kinds)]


def todays_pain(session: Session, *, patient_id: str, today: dt.date) -> int | None:
    """The pain of the person's check-in of ``today`` (there is at most one), or None."""
    rows = repository.checkin_rows(session, patient_id, since=today, until=today)
    return rows[-1].pain_now if rows else None
