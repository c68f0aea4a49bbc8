"""All SQL about check-ins, session logs, measures and alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import RowMapping, Select, Table, func, insert, select
from sqlalchemy.orm import Session

from backcare.tracking.models import Alert, CheckIn, Measure, SessionLog

Row = TypeVar("Row", CheckIn, SessionLog, Measure, Alert)


def add(session: Session, row: Row) -> Row:
    """Insert a row and give it its id."""
    session.add(row)
    session.flush()
    return row


def insert_checkin(session: Session, values: dict[str, Any]) -> RowMapping:
    """Insert one check-in and return the stored row.

    A Core INSERT ... RETURNING rather than the ORM unit of work: check-ins are the most
    frequent write, and the ORM flush would take about a third of its time.
    """
    table = cast(Table, CheckIn.__table__)
    return session.execute(insert(table).returning(*table.c), values).mappings().one()


def add_all(session: Session, rows: Sequence[CheckIn | SessionLog | Measure | Alert]) -> None:
    """Insert many rows in as few statements as the driver allows."""
    session.add_all(rows)
    session.flush()


def _dated(
    query: Select[Any], column: Any, since: dt.date | None, until: dt.date | None
) -> Select[Any]:
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
