"""Break-glass: an admin opens a record in an emergency, for a stated reason and a short time.

It is logged, listed to every admin, and shown to the person on their own pages; it lets the
admin read, never change.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from backcare.access import repository, trail
from backcare.access.models import BreakGlass
from backcare.access.policy import Actor, Kind
from backcare.audit.schemas import AuditAction
from backcare.domain.text import Text
from backcare.errors import ForbiddenError
from backcare.patients.service import ensure_patient_exists

ADMIN_WINDOW = dt.timedelta(days=30)
"""How far back the admins' list of break-glass openings goes."""


class BreakGlassCreate(BaseModel):
    """What an admin states to open a record."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    reason: Text = Field(
        min_length=10, max_length=500, description="Why the record must be opened now."
    )


class BreakGlassRead(BaseModel):
    """One opening, as the person and the admins see it."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    username: str
    reason: str
    started_at: dt.datetime
    expires_at: dt.datetime
    patient_id: str | None = None


def open_record(
    session: Session,
    *,
    admin: Actor,
    patient_id: str,
    data: BreakGlassCreate,
    source: str,
    now: dt.datetime,
    minutes: int,
) -> BreakGlassRead:
    """Open the record to ``admin`` for ``minutes``; logged with its end time."""
    if admin.kind is not Kind.ADMIN or admin.account_id is None:
        raise ForbiddenError("Only an admin account can break the glass.")
    ensure_patient_exists(session, patient_id=patient_id)
    row = BreakGlass(
        admin_id=admin.account_id,
        patient_id=patient_id,
        reason=data.reason,
        started_at=now,
        expires_at=now + dt.timedelta(minutes=minutes),
    )
    repository.add(session, row)
    trail.write(
        session,
        actor=admin,
        action=AuditAction.access_break_glass,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"break-glass until {row.expires_at:%Y-%m-%d %H:%M} UTC",
    )
    return BreakGlassRead(
        username=admin.name,
        reason=row.reason,
        started_at=row.started_at,
        expires_at=row.expires_at,
        patient_id=patient_id,
    )


def openings_of(session: Session, *, patient_id: str) -> list[BreakGlassRead]:
    """Every break-glass on the person's record, newest first (shown to them)."""
    return [
        BreakGlassRead.model_validate(row) for row in repository.break_glass_on(session, patient_id)
    ]


def recent_openings(session: Session, *, now: dt.datetime) -> list[BreakGlassRead]:
    """Break-glass openings of the last 30 days, newest first (shown to every admin)."""
    rows = repository.break_glass_since(session, now - ADMIN_WINDOW)
    return [BreakGlassRead.model_validate(row) for row in rows]
