"""Patients: create, list, read, export everything, erase everything."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request, Response

from backcare.audit.schemas import AuditActor
from backcare.patients import service
from backcare.patients.export import export_patient
from backcare.patients.schemas import PatientCreate, PatientRead
from backcare.store.types import utcnow
from backcare.web.api.responses import problems
from backcare.web.deps import DatabaseDep, PageDep, PatientId
from backcare.web.schemas import Page, make_page

router = APIRouter(prefix="/patients", tags=["patients"])


@router.post("", status_code=201)
async def create_patient(data: PatientCreate, db: DatabaseDep) -> PatientRead:
    """Add a patient; the id in the answer is used in every other call."""
    return await db.write(partial(service.create_patient, data=data))


@router.get("")
async def list_patients(db: DatabaseDep, page: PageDep) -> Page[PatientRead]:
    """Patients, oldest first, a page at a time."""
    rows = await db.read(partial(service.list_patients, limit=page.limit + 1, offset=page.offset))
    return make_page(rows, page)


@router.get("/{patient_id}", responses=problems(404))
async def get_patient(patient_id: PatientId, db: DatabaseDep) -> PatientRead:
    """One patient."""
    return await db.read(partial(service.get_patient, patient_id=patient_id))


@router.delete("/{patient_id}", status_code=204, response_class=Response, responses=problems(404))
async def delete_patient(patient_id: PatientId, db: DatabaseDep, request: Request) -> None:
    """Erase the patient and everything recorded about them. This cannot be undone."""
    # The API has no sign-in of its own here: the eraser is recorded as anonymous, by address.
    source = request.client.host if request.client else "unknown"
    erase = partial(
        service.erase_patient,
        patient_id=patient_id,
        actor=AuditActor(role="anonymous"),
        source=source,
        at=utcnow(),
    )
    await db.write(erase)


@router.get("/{patient_id}/export", responses=problems(404))
async def export(patient_id: PatientId, db: DatabaseDep) -> dict[str, Any]:
    """Everything stored about the patient, as one JSON document (the right of access)."""
    return await db.read(partial(export_patient, patient_id=patient_id))
