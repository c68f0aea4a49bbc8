"""All SQL about check-ins, session logs, measures and alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar, TypeVarTuple, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Row,
    RowMapping,
    Select,
    Table,
    bindparam,
    func,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from backcare.assessments.models import Assessment
from backcare.patients.models import Patient
from backcare.tracking.models import Alert, CheckIn, Measure, SessionLog

Model = TypeVar("Model", CheckIn, SessionLog, Measure, Alert)
Columns = TypeVarTuple("Columns")
CheckInRow = Row[dt.date, int, int, int, list[str] | None, bool]
SessionRow = Row[dt.date, str, int, int, bool, str | None]
MeasureRow = Row[str, dt.date, dict[str, Any]]


def record_began(session: Session, patient_id: str) -> dt.date | None:
    """The day the patient's record began (created, or first assessed if that is earlier:
    the demo dates its assessments back); None when there is no such patient."""
    first_assessed = (
        select(func.min(Assessment.created_at))
        .where(Assessment.patient_id == patient_id)
        .scalar_subquery()
    )
    query = select(Patient.created_at, first_assessed).where(Patient.id == patient_id)
    row = session.execute(query).one_or_none()
    if row is None:
        return None
    created, assessed = row
    return min(created, assessed or created).date()


def add(session: Session, row: Model) -> Model:
    """Insert a row and give it its id."""
    session.add(row)
    session.flush()
    return row


def checkin_insert(
    dialect: str, *, names: Sequence[str] = (), rows: Select[Any] | None = None
) -> ReturningInsert[*tuple[Any, ...]]:
    """An INSERT into the check-ins that inserts nothing when the person already has a
    check-in that day (ON CONFLICT DO NOTHING, in the words of the database at hand), from
    ``rows`` when given, and returns the stored row."""
    table = cast(Table, CheckIn.__table__)
    statement = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    if rows is not None:
        statement = statement.from_select(list(names), rows)
    skipping = statement.on_conflict_do_nothing(index_elements=["patient_id", "date"])
    return skipping.returning(*table.c)


@cache
def _insert_checkin(dialect: str) -> ReturningInsert[*tuple[Any, ...]]:
    # Built once per database kind: building and hashing the statement cost as much as running
    # it.
    return checkin_insert(dialect)


def insert_checkin(session: Session, values: dict[str, Any]) -> RowMapping | None:
    """Insert one check-in and return the stored row; None when that day has one already.

    A Core INSERT ... RETURNING rather than the ORM unit of work: check-ins are the most
    frequent write, and the ORM flush would take about a third of its time. It runs on the
    session's connection, past the ORM's execute path, as the history queries below do.
    """
    connection = session.connection()
    query = _insert_checkin(connection.dialect.name)
    return connection.execute(query, values).mappings().first()


def checkin_on(session: Session, patient_id: str, day: dt.date) -> CheckIn | None:
    """The person's check-in of ``day`` (there is at most one), locked for an update."""
    query = select(CheckIn).where(CheckIn.patient_id == patient_id, CheckIn.date == day)
    return session.scalars(query.with_for_update()).one_or_none()


def add_all(session: Session, rows: Sequence[CheckIn | SessionLog | Measure | Alert]) -> None:
    """Insert many rows in as few statements as the driver allows."""
    session.add_all(rows)
    session.flush()


def _dated(
    query: Select[*Columns], column: Any, since: dt.date | None, until: dt.date | None
) -> Select[*Columns]:
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column <= until)
    return query


def checkins(
    session: Session, patient_id: str, *, since: dt.date | None = None, until: dt.date | None = None
) -> Sequence[CheckIn]:
    """A patient's check-ins between two dates (inclusive), in the order they happened."""
    query = _dated(
        select(CheckIn).where(CheckIn.patient_id == patient_id), CheckIn.date, since, until
    )
    return session.scalars(query.order_by(CheckIn.date, CheckIn.id)).all()


def session_logs(
    session: Session, patient_id: str, *, since: dt.date | None = None, until: dt.date | None = None
) -> Sequence[SessionLog]:
    """A patient's session logs between two dates (inclusive), in the order they happened."""
    query = select(SessionLog).where(SessionLog.patient_id == patient_id)
    query = _dated(query, SessionLog.date, since, until)
    return session.scalars(query.order_by(SessionLog.date, SessionLog.id)).all()


def measures(
    session: Session, patient_id: str, *, kind: str | None = None, since: dt.date | None = None
) -> Sequence[Measure]:
    """A patient's measures, optionally of one kind, in date order."""
    query = _dated(
        select(Measure).where(Measure.patient_id == patient_id), Measure.date, since, None
    )
    if kind is not None:
        query = query.where(Measure.kind == kind)
    return session.scalars(query.order_by(Measure.date, Measure.id)).all()


def alerts(session: Session, patient_id: str, *, open_only: bool = False) -> Sequence[Alert]:
    """A patient's alerts, oldest first."""
    query = select(Alert).where(Alert.patient_id == patient_id)
    if open_only:
        query = query.where(Alert.resolved.is_(False))
    return session.scalars(query.order_by(Alert.created_at, Alert.id)).all()


def alert(session: Session, patient_id: str, alert_id: int) -> Alert | None:
    """One alert of a patient."""
    query = select(Alert).where(Alert.patient_id == patient_id, Alert.id == alert_id)
    return session.scalars(query).one_or_none()


def checkin_span(session: Session, patient_id: str) -> tuple[int, dt.date | None]:
    """How many check-ins a patient has, and the date of the latest."""
    query = select(func.count(CheckIn.id), func.max(CheckIn.date))
    count, last = session.execute(query.where(CheckIn.patient_id == patient_id)).one()
    return int(count), last


def count_open_alerts(session: Session, patient_id: str) -> int:
    """How many alerts of a patient nobody has resolved yet."""
    query = select(func.count(Alert.id)).where(
        Alert.patient_id == patient_id, Alert.resolved.is_(False)
    )
    return int(session.scalar(query) or 0)


# The history queries select plain columns, not ORM objects, run on the session's connection
# (Core) past the ORM's result machinery, and are built once with bound parameters: progress
# reads a year of daily rows, and building statements or an object per row would cost more
# than the queries themselves. A missing date bound is the first or last representable day.

_PARAMS = {
    "patient_id": bindparam("patient_id"),
    "since": bindparam("since", type_=Date()),
    "until": bindparam("until", type_=Date()),
}


def _window(
    patient_id: str, since: dt.date | None, until: dt.date | None, **more: Any
) -> dict[str, Any]:
    return {
        "patient_id": patient_id,
        "since": since or dt.date.min,
        "until": until or dt.date.max,
        **more,
    }


@cache
def _checkins_query() -> Select[dt.date, int, int, int, list[str] | None, bool]:
    c = CheckIn
    columns = (c.date, c.pain_now, c.sessions_done, c.minutes, _warnings_or_null(), c.flare_up)
    return (
        select(*columns)
        .where(
            c.patient_id == _PARAMS["patient_id"],
            c.date.between(_PARAMS["since"], _PARAMS["until"]),
        )
        .order_by(c.date, c.id)
    )


def checkin_rows(
    session: Session,
    patient_id: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Sequence[CheckInRow]:
    """(date, pain_now, sessions_done, minutes, warnings or None, flare_up), oldest first."""
    params = _window(patient_id, since, until)
    return session.connection().execute(_checkins_query(), params).all()


def _warnings_or_null() -> ColumnElement[list[str] | None]:
    """The warnings column, NULL when it is the empty list.

    Nearly every check-in has no warning; NULL skips decoding its JSON, which would otherwise
    be the largest cost of reading a year of check-ins.
    """
    empty = literal([], CheckIn.warnings.type)
    return func.nullif(CheckIn.warnings, empty, type_=CheckIn.warnings.type)


@cache
def _sessions_query() -> Select[dt.date, str, int, int, bool, str | None]:
    s = SessionLog
    columns = (s.date, s.item_id, s.duration_seconds, s.felt, s.stopped_early, s.stop_reason)
    return (
        select(*columns)
        .where(
            s.patient_id == _PARAMS["patient_id"],
            s.date.between(_PARAMS["since"], _PARAMS["until"]),
        )
        .order_by(s.date, s.id)
    )


def session_rows(
    session: Session,
    patient_id: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Sequence[SessionRow]:
    """(date, item_id, duration_seconds, felt, stopped_early, stop_reason), oldest first."""
    params = _window(patient_id, since, until)
    return session.connection().execute(_sessions_query(), params).all()


@cache
def _measures_query() -> Select[str, dt.date, dict[str, Any]]:
    m = Measure
    kinds: BindParameter[list[str]] = bindparam("kinds", expanding=True)
    return (
        select(m.kind, m.date, m.value)
        .where(m.patient_id == _PARAMS["patient_id"], m.kind.in_(kinds))
        .where(m.date.between(_PARAMS["since"], _PARAMS["until"]))
        .order_by(m.date, m.id)
    )


def measure_rows(
    session: Session, patient_id: str, kinds: Sequence[str], *, until: dt.date | None = None
) -> Sequence[MeasureRow]:
    """(kind, date, value) of the measures of these kinds, oldest first."""
    params = _window(patient_id, None, until, kinds=list(kinds))
    return session.connection().execute(_measures_query(), params).all()


def last_flare_day(session: Session, patient_id: str) -> dt.date | None:
    """The latest day a patient checked in saying they were in a flare-up."""
    query = select(func.max(CheckIn.date)).where(
        CheckIn.patient_id == patient_id, CheckIn.flare_up.is_(True)
    )
    found: dt.date | None = session.scalar(query)
    return found


def warnings_between(
    session: Session, patient_id: str, first: dt.date, last: dt.date
) -> Sequence[list[str]]:
    """The warning answers of each check-in from ``first`` to ``last`` (inclusive)."""
    query = select(CheckIn.warnings).where(CheckIn.patient_id == patient_id)
    return session.scalars(_dated(query, CheckIn.date, first, last)).all()


def record_start(session: Session, patient_id: str) -> dt.datetime | None:
    """When a patient's record began: their first assessment, or when they were added if that
    came first (None when there is no such patient)."""
    first = select(func.min(Assessment.created_at)).where(Assessment.patient_id == patient_id)
    added = select(Patient.created_at).where(Patient.id == patient_id)
    row = session.execute(select(added.scalar_subquery(), first.scalar_subquery())).one()
    started = [moment for moment in row if moment is not None]
    return min(started) if started else None


def mean_pain_between(
    session: Session, patient_id: str, first: dt.date, last: dt.date
) -> tuple[float | None, int]:
    """Mean check-in pain from ``first`` to ``last`` (inclusive) and how many check-ins."""
    query = select(func.avg(CheckIn.pain_now), func.count(CheckIn.id)).where(
        CheckIn.patient_id == patient_id, CheckIn.date.between(first, last)
    )
    mean, count = session.execute(query).one()
    return (None if mean is None else float(mean)), int(count)


def items_logged_on(session: Session, patient_id: str, day: dt.date) -> frozenset[str]:
    """The plan items the person logged on ``day``: done, or stopped because they hurt."""
    query = select(SessionLog.item_id).where(
        SessionLog.patient_id == patient_id, SessionLog.date == day
    )
    return frozenset(session.scalars(query.distinct()))


@cache
def _open_alert_kinds_query() -> Select[str]:
    a = Alert
    return (
        select(a.kind)
        .where(a.patient_id == _PARAMS["patient_id"], a.resolved.is_(False))
        .order_by(a.created_at, a.id)
    )


def open_alert_kinds(session: Session, patient_id: str) -> list[str]:
    """The kinds of a patient's open alerts, oldest first (a statement built once: the today
    page, every person's home, asks on every visit)."""
    query = _open_alert_kinds_query()
    return list(session.connection().execute(query, {"patient_id": patient_id}).scalars())
