"""Record use cases that depend on who acts: create (with care access), import, list what one
may see, erase (with the audit trail's seal)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from backcare.access import grants, service, trail
from backcare.access.policy import Actor, Kind, RecordFacts, sees_whole_record
from backcare.accounts.repository import account_of_patient
from backcare.audit.schemas import AuditAction
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate, PatientListed, PatientRead
from backcare.patients.service import create_patient, erase_patient, list_patients

if TYPE_CHECKING:
    from backcare.interop.fhir.importer import ImportResult

IMPORTED = "import of a FHIR Bundle"


def create_record(
    session: Session, *, data: PatientCreate, actor: Actor, source: str, now: dt.datetime
) -> PatientRead:
    """A new record; a clinician who makes it is given care access to it."""
    patient = create_patient(session, data=data)
    if actor.kind is Kind.CLINICIAN:
        grants.grant(
            session, clinician=actor.name, patient_id=patient.id, by=actor, source=source, now=now
        )
    trail.write(
        session,
        actor=actor,
        action=AuditAction.record_create,
        patient_id=patient.id,
        source=source,
        now=now,
    )
    return patient


def import_record(
    session: Session,
    *,
    raw: bytes,
    knowledge: Knowledge,
    patient_id: str | None,
    actor: Actor,
    source: str,
    now: dt.datetime,
    limit: int,
) -> ImportResult:
    """A FHIR Bundle as a new record, or as a new assessment of ``patient_id``, once the policy
    allowed it; a clinician who makes a new record this way is given care access to it."""
    from backcare.interop.fhir.importer import import_fhir

    result = import_fhir(session, raw=raw, knowledge=knowledge, patient_id=patient_id, limit=limit)
    if result.created and actor.kind is Kind.CLINICIAN:
        grants.grant(
            session,
            clinician=actor.name,
            patient_id=result.patient_id,
            by=actor,
            source=source,
            now=now,
        )
    trail.write(
        session,
        actor=actor,
        action=AuditAction.record_create if result.created else AuditAction.record_write,
        patient_id=result.patient_id,
        source=source,
        now=now,
        detail=IMPORTED if result.created else f"{IMPORTED}: a new assessment",
    )
    return result


def list_records(
    session: Session, *, actor: Actor, now: dt.datetime, limit: int, offset: int = 0
) -> list[PatientListed]:
    """The records the actor may see, oldest first, a page at a time; each shown as far as the
    policy lets the actor see it (the preferences are answers of the intake, so a clinician the
    person shares their plan and progress only with sees the name alone)."""
    only = service.visible_patient_ids(session, actor, now=now)
    patients = list_patients(session, limit=limit, offset=offset, only=only)
    facts = service.facts_of_listed(session, actor, [patient.id for patient in patients])
    return [_listed(patient, actor, facts.get(patient.id)) for patient in patients]


def _listed(patient: PatientRead, actor: Actor, facts: RecordFacts | None) -> PatientListed:
    whole = facts is not None and sees_whole_record(actor, facts)
    return PatientListed(
        id=patient.id,
        display_name=patient.display_name,
        created_at=patient.created_at,
        preferences=patient.preferences if whole else None,
    )


def erase_record(
    session: Session, *, patient_id: str, actor: Actor, source: str, now: dt.datetime
) -> None:
    """Erase a record and the person's account; the audit log keeps one line that it happened."""
    account = account_of_patient(session, patient_id)
    account_ids = [account.id] if account is not None else []
    erase_patient(
        session,
        patient_id=patient_id,
        actor=trail.audit_actor(actor),
        source=source,
        at=now,
        account_ids=account_ids,
    )
