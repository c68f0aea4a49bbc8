"""Patients: create, list, read, erase everything (export and import: records.py)."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.access.records import create_record, erase_record, list_records
from backcare.patients import service
from backcare.patients.schemas import PatientCreate, PatientListed, PatientRead
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import (
    CreateAccess,
    EraseAccess,
    ListAccess,
    PageDep,
    PatientId,
    ReadAccess,
)
from backcare.web.schemas import Page, make_page

router = APIRouter(prefix=f"{API_V1}/patients", tags=["patients"])


@router.post("", status_code=201, responses=problems(401, 403))
async def create_patient(data: PatientCreate, access: CreateAccess) -> PatientRead:
    """Add a patient (clinicians; the clinician who adds one may then reach it)."""
    request = access.request

    def work(session: Session, actor: Actor) -> PatientRead:
        return create_record(
            session, data=data, actor=actor, source=request.source, now=access.state.now()
        )

    return await access.write_as(work)


@router.get("", responses=problems(401))
async def list_patients(access: ListAccess, page: PageDep) -> Page[PatientListed]:
    """The patients you may see, oldest first, a page at a time (a person: only their own).
    A person who shares only their plan and progress with you is listed by name alone."""

    def work(session: Session, actor: Actor) -> list[PatientListed]:
        now = access.state.now()
        return list_records(session, actor=actor, now=now, limit=page.limit + 1, offset=page.offset)

    return make_page(await access.read_as(work), page)


@router.get("/{patient_id}", responses=problems(401, 404))
async def get_patient(patient_id: PatientId, access: ReadAccess) -> PatientRead:
    """One patient."""
    return await access.read(partial(service.get_patient, patient_id=patient_id))


@router.delete(
    "/{patient_id}", status_code=204, response_class=Response, responses=problems(401, 403, 404)
)
async def delete_patient(patient_id: PatientId, access: EraseAccess) -> None:
    """Erase the patient and everything recorded about them. This cannot be undone."""
    source = access.request.source

    def work(session: Session, actor: Actor) -> None:
        erase_record(
            session, patient_id=patient_id, actor=actor, source=source, now=access.state.now()
        )

    await access.write_as(work)
    await access.state.database.forget_erased()
