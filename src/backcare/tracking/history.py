"""A patient's stored history as the domain's ``History``: what reviews and progress read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from backcare.domain.tracking import CheckInRecord, History, PegRecord, PsfsRecord, SessionRecord
from backcare.tracking import repository
from backcare.tracking.repository import CheckInRow, SessionRow
from backcare.tracking.vocabulary import MeasureKind

_MEASURES = (MeasureKind.PEG.value, MeasureKind.PSFS.value)


def history_for(
    session: Session,
    *,
    patient_id: str,
    until: dt.date | None = None,
    daily_since: dt.date | None = None,
) -> History:
    """What a patient recorded up to ``until`` (inclusive; default everything).

    ``daily_since`` limits the daily records (check-ins, session logs) to the days a caller
    reads; PEG and PSFS always come from the first, since change is measured against it.
    """
    checkins = repository.checkin_rows(session, patient_id, since=daily_since, until=until)
    sessions = repository.session_rows(session, patient_id, since=daily_since, until=until)
    measures = repository.measure_rows(session, patient_id, _MEASURES, until=until)
    return History(
        checkins=tuple(_checkin(row) for row in checkins),
        sessions=tuple(_session(row) for row in sessions),
        peg=tuple(_peg(row.date, row.value) for row in measures if row.kind == MeasureKind.PEG),
        psfs=tuple(_psfs(row.date, row.value) for row in measures if row.kind == MeasureKind.PSFS),
    )


def _checkin(row: CheckInRow) -> CheckInRecord:
    day, pain, sessions, minutes, warnings, flare = row
    return CheckInRecord(day, pain, sessions, minutes, frozenset(warnings or ()), flare)


def _session(row: SessionRow) -> SessionRecord:
    day, item_id, seconds, felt, stopped_early, reason = row
    return SessionRecord(day, item_id, seconds, felt, stopped_early, reason)


def _peg(day: dt.date, value: dict[str, Any]) -> PegRecord:
    return PegRecord(day, value["pain"], value["enjoyment"], value["activity"])


def _psfs(day: dt.date, value: dict[str, Any]) -> PsfsRecord:
    activities: Sequence[dict[str, Any]] = value["activities"]
    return PsfsRecord(day, tuple((a["activity"], a["score"]) for a in activities))


def daily_history(session: Session, *, patient_id: str, since: dt.date, until: dt.date) -> History:
    """Only the daily records (check-ins, session logs) from ``since`` to ``until``: what a
    page about this week needs, without the outcome measures of the whole record."""
    checkins = repository.checkin_rows(session, patient_id, since=since, until=until)
    sessions = repository.session_rows(session, patient_id, since=since, until=until)
    return History(
        checkins=tuple(_checkin(row) for row in checkins),
        sessions=tuple(_session(row) for row in sessions),
    )
