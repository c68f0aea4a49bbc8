"""Care access: a person's record opened to a clinician, and closed again.

For now the command line grants it (recording the person's consent: for their care, or for the
whole record, exports included), and a clinician who creates a record gets care access; the
person's own consent workflow comes with the care team.
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
    whole_record: bool = False,
) -> bool:
    """Let the clinician named ``clinician`` reach the record (``whole_record``: exports too, as
    the person consented); False when they already could, in just that way.

    Changing how far a live grant reaches ends it and starts a new one, so the history says who
    changed it and when.
    """
    account = require_account(session, username=clinician)
    if account.role != Role.CLINICIAN.value:
        raise InvalidInputError(f"clinician: {clinician!r} is not a clinician's account.")
    ensure_patient_exists(session, patient_id=patient_id)
    live = repository.live_grant(session, clinician_id=account.id, patient_id=patient_id)
    if live is not None and live.whole_record == whole_record:
        return False
    if live is not None:
        repository.revoke_grants(
            session, clinician_id=account.id, patient_id=patient_id, by=by.name, now=now
        )
    row = CareAccess(
        patient_id=patient_id,
        clinician_id=account.id,
        granted_by=by.name,
        granted_at=now,
        whole_record=whole_record,
    )
    repository.add(session, row)
    reach = "whole record, exports included" if whole_record else "care"
    trail.write(
        session,
        actor=by,
        action=AuditAction.access_grant,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"care access for {account.username} ({reach})",
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
