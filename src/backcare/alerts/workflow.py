"""Acknowledge and resolve alerts: open → acknowledged → resolved, each step audited.

Any other step (acknowledging twice, resolving an alert nobody has acknowledged, touching a
resolved one) is refused with a sentence saying why (409), and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor
from backcare.alerts.schemas import Acknowledge, AlertState, AlertStatus, Resolve
from backcare.audit.schemas import AuditAction
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.patients.service import ensure_patient_exists
from backcare.tracking.models import Alert
from backcare.tracking.vocabulary import AlertKind

KIND_WORDS: dict[AlertKind, str] = {
    AlertKind.red_flag: "A warning sign was reported",
    AlertKind.pain_worsening: "Pain is importantly worse",
    AlertKind.no_improvement: "No important improvement",
    AlertKind.clinician_review: "A clinician's review was asked for",
    AlertKind.severe_pain: "Very high pain on several days",
}


def status_of(row: Alert) -> AlertStatus:
    """Where an alert stands."""
    if row.resolved:
        return AlertStatus.RESOLVED
    return AlertStatus.OPEN if row.acknowledged_at is None else AlertStatus.ACKNOWLEDGED


def alerts_of(session: Session, *, patient_id: str) -> list[AlertState]:
    """The record's alerts: open ones first, then acknowledged, then resolved; newest first."""
    ensure_patient_exists(session, patient_id=patient_id)
    rows = session.scalars(
        select(Alert)
        .where(Alert.patient_id == patient_id)
        .order_by(Alert.created_at.desc(), Alert.id.desc())
    ).all()
    order = list(AlertStatus)
    states = [state_of(row) for row in rows]
    return sorted(states, key=lambda state: order.index(state.status))


def acknowledge(
    session: Session,
    *,
    patient_id: str,
    alert_id: int,
    data: Acknowledge,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> AlertState:
    """A clinician in the team has seen the alert (open → acknowledged)."""
    row = _alert(session, patient_id, alert_id)
    status = status_of(row)
    if status is not AlertStatus.OPEN:
        raise ConflictError(f"This alert is already {status.value}; it can be acknowledged once.")
    row.acknowledged_by, row.acknowledged_at = by.name, now
    row.acknowledge_note = data.note.strip() or None
    return _done(session, row, by, source, now, "acknowledged")


def resolve(
    session: Session,
    *,
    patient_id: str,
    alert_id: int,
    data: Resolve,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> AlertState:
    """A clinician in the team has dealt with the alert (acknowledged → resolved)."""
    reason = data.reason.strip()
    if len(reason) < 3:
        raise InvalidInputError("reason: say in a few words how the alert was dealt with.")
    row = _alert(session, patient_id, alert_id)
    status = status_of(row)
    if status is AlertStatus.OPEN:
        raise ConflictError("Acknowledge this alert first: it is still open.")
    if status is AlertStatus.RESOLVED:
        raise ConflictError("This alert is already resolved.")
    row.resolved, row.resolved_at = True, now
    row.resolved_by, row.resolve_reason = by.name, reason
    return _done(session, row, by, source, now, "resolved")


def _alert(session: Session, patient_id: str, alert_id: int) -> Alert:
    query = select(Alert).where(Alert.patient_id == patient_id, Alert.id == alert_id)
    row = session.scalars(query.with_for_update()).first()
    if row is None:
        raise NotFoundError(f"This record has no alert {alert_id}.")
    return row


def _done(
    session: Session, row: Alert, by: Actor, source: str, now: dt.datetime, what: str
) -> AlertState:
    session.flush()
    trail.write(
        session,
        actor=by,
        action=AuditAction.alert_update,
        patient_id=row.patient_id,
        source=source,
        now=now,
        detail=f"alert {row.id} {what}",
    )
    return state_of(row)


def state_of(row: Alert) -> AlertState:
    """An alert row as the API and pages show it."""
    kind = AlertKind(row.kind)
    return AlertState(
        id=row.id,
        kind=kind,
        summary=str(row.detail.get("summary") or KIND_WORDS[kind]),
        detail=row.detail,
        created_at=row.created_at,
        status=status_of(row),
        acknowledged_by=row.acknowledged_by,
        acknowledged_at=row.acknowledged_at,
        acknowledge_note=row.acknowledge_note,
        resolved_by=row.resolved_by,
        resolved_at=row.resolved_at,
        resolve_reason=row.resolve_reason,
    )
