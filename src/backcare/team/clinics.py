"""Clinics: an admin (or the command line) creates them and adds clinicians to them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor
from backcare.accounts.service import require_account
from backcare.accounts.vocabulary import Role
from backcare.audit.schemas import AuditAction
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.team import repository
from backcare.team.models import Clinic, ClinicMember
from backcare.team.schemas import ClinicCreate, ClinicRead


def create_clinic(
    session: Session, *, data: ClinicCreate, by: Actor, source: str, now: dt.datetime
) -> ClinicRead:
    """A new clinic; 409 when one has that name already."""
    name = " ".join(data.name.split())
    if len(name) < 2:
        raise InvalidInputError("name: give the clinic a name of 2 to 120 characters.")
    if repository.clinic_by_name(session, name) is not None:
        raise ConflictError(f"name: a clinic called {name!r} exists already.")
    row = Clinic(name=name, created_at=now)
    repository.add(session, row)
    _log(session, by, source, now, f"clinic {row.id} created")
    return ClinicRead(id=row.id, name=row.name, clinicians=[])


def add_clinician(
    session: Session, *, clinic: str, clinician: str, by: Actor, source: str, now: dt.datetime
) -> ClinicRead:
    """Add a clinician's account to a clinic (nothing changes if they belong already)."""
    row = repository.clinic_by_name(session, clinic)
    if row is None:
        raise NotFoundError(f"clinic: no clinic is called {clinic!r}.")
    account = require_account(session, username=clinician)
    if account.role != Role.CLINICIAN.value:
        raise InvalidInputError(f"clinician: {clinician!r} is not a clinician's account.")
    if repository.clinic_member(session, row.id, account.id) is None:
        repository.add(
            session, ClinicMember(clinic_id=row.id, clinician_id=account.id, added_at=now)
        )
        _log(session, by, source, now, f"{clinician} added to clinic {row.id}")
    return next(found for found in list_clinics(session) if found.id == row.id)


def list_clinics(session: Session) -> list[ClinicRead]:
    """Every clinic with its clinicians."""
    return [
        ClinicRead(id=row.id, name=row.name, clinicians=members)
        for row, members in repository.clinics(session)
    ]


def _log(session: Session, by: Actor, source: str, now: dt.datetime, what: str) -> None:
    trail.write(
        session,
        actor=by,
        action=AuditAction.clinic_change,
        patient_id=None,
        source=source,
        now=now,
        detail=what,
    )
