"""Care access: a person's record opened to a clinician, and closed again.

For now an admin (or the command line) grants it, and a clinician who creates a record gets
it; the person's own consent workflow comes with the care team.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access import repository, trail
from backcare.access.models import CareAccess
from backcare.access.policy import Actor
from backcare.accounts.service import require_account
from backcare.accounts.vocabulary import Role
from backcare.audit.schemas import AuditAction
from backcare.errors import InvalidInputError
from backcare.patients.service import ensure_patient_exists


def grant(
    session: Session,
    *,
    clinician: str,
    patient_id: str,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> bool:
    """Let the clinician named ``clinician`` reach the record; False when they already could."""
    account = require_account(session, username=clinician)
    if account.role != Role.CLINICIAN.value:
        raise InvalidInputError(f"clinician: {clinician!r} is not a clinician's account.")
    ensure_patient_exists(session, patient_id=patient_id)
    if repository.live_grant(session, clinician_id=account.id, patient_id=patient_id):
        return False
    row = CareAccess(
        patient_id=patient_id, clinician_id=account.id, granted_by=by.name, granted_at=now
    )
    repository.add(session, row)
    trail.write(
        session,
        actor=by,
        action=AuditAction.access_grant,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"care access for {account.username}",
    )
    return True


def revoke(
    session: Session,
    *,
    clinician: str,
    patient_id: str,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> bool:
    """Close the clinician's access to the record; False when they had none."""
    account = require_account(session, username=clinician)
    ensure_patient_exists(session, patient_id=patient_id)
    ended = repository.revoke_grants(
        session, clinician_id=account.id, patient_id=patient_id, by=by.name, now=now
    )
    if ended:
        trail.write(
            session,
            actor=by,
            action=AuditAction.access_revoke,
            patient_id=patient_id,
            source=source,
            now=now,
            detail=f"care access for {account.username}",
        )
    return ended > 0
