"""Care access: a person's record opened to a clinician, and closed again.

The command line grants it (recording the person's consent: for their care, or for the whole
record, exports included), a clinician who creates a record gets care access, and a person's
invitation accepted by a clinician grants what the person chose to share (backcare.team).
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
    plan_and_progress_only: bool = False,
) -> bool:
    """Let the clinician named ``clinician`` reach the record (``whole_record``: exports too, as
    the person consented; ``plan_and_progress_only``: the plan and progress and nothing else);
    False when they already could, in just that way.

    Changing how far a live grant reaches ends it and starts a new one (keeping the lead role),
    so the history says who changed it and when.
    """
    if whole_record and plan_and_progress_only:
        raise InvalidInputError("share: choose the whole record or the plan and progress only.")
    account = require_account(session, username=clinician)
    if account.role != Role.CLINICIAN.value:
        raise InvalidInputError(f"clinician: {clinician!r} is not a clinician's account.")
    ensure_patient_exists(session, patient_id=patient_id)
    live = repository.live_grant(session, clinician_id=account.id, patient_id=patient_id)
    reach = (whole_record, plan_and_progress_only)
    if live is not None and (live.whole_record, live.plan_and_progress_only) == reach:
        return False
    lead = live is not None and live.lead
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
        plan_and_progress_only=plan_and_progress_only,
        lead=lead,
    )
    repository.add(session, row)
    words = _reach_words(whole_record=whole_record, plan_and_progress_only=plan_and_progress_only)
    trail.write(
        session,
        actor=by,
        action=AuditAction.access_grant,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"care access for {account.username} ({words})",
    )
    return True


def _reach_words(*, whole_record: bool, plan_and_progress_only: bool) -> str:
    if whole_record:
        return "whole record, exports included"
    return "plan and progress only" if plan_and_progress_only else "care"


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
