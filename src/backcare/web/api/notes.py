"""Clinical notes: written by the team, read as their visibility allows, signed, amended."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.notes import service
from backcare.notes.schemas import AddendumCreate, NoteCreate, NoteRead, NoteUpdate
from backcare.notes.vocabulary import NoteKind
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import NoteReadAccess, NoteWriteAccess, PatientId, RowNumber

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/notes", tags=["notes"])


@router.get("", responses=problems(401, 404))
async def list_notes(
    patient_id: PatientId,
    access: NoteReadAccess,
    kind: Annotated[NoteKind | None, Query(description="Only notes of this kind.")] = None,
) -> list[NoteRead]:
    """The notes the caller may read, newest first: the person sees signed notes meant for
    them; a clinician in their care sees signed team notes and their own drafts."""

    def work(session: Session, actor: Actor) -> list[NoteRead]:
        return service.list_notes(session, patient_id=patient_id, actor=actor, kind=kind)

    return await access.read_as(work)


@router.post("", status_code=201, responses=problems(401, 403, 404))
async def write_note(patient_id: PatientId, data: NoteCreate, access: NoteWriteAccess) -> NoteRead:
    """A clinician's note (assessment, treatment or progress) with who may read it."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> NoteRead:
        return service.write_note(session, patient_id=patient_id, data=data, actor=actor, now=now)

    return await access.write_as(work)


@router.get("/{note_id}", responses=problems(401, 404))
async def get_note(patient_id: PatientId, note_id: RowNumber, access: NoteReadAccess) -> NoteRead:
    """One note and its addenda (404 when the caller may not read it)."""

    def work(session: Session, actor: Actor) -> NoteRead:
        return service.get_note(session, patient_id=patient_id, note_id=note_id, actor=actor)

    return await access.read_as(work)


@router.patch("/{note_id}", responses=problems(401, 403, 404, 409))
async def edit_note(
    patient_id: PatientId, note_id: RowNumber, data: NoteUpdate, access: NoteWriteAccess
) -> NoteRead:
    """Change a draft (its author only); a signed note answers 409: add an addendum."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> NoteRead:
        return service.edit_note(
            session, patient_id=patient_id, note_id=note_id, data=data, actor=actor, now=now
        )

    return await access.write_as(work)


@router.post("/{note_id}/sign", responses=problems(401, 403, 404, 409))
async def sign_note(patient_id: PatientId, note_id: RowNumber, access: NoteWriteAccess) -> NoteRead:
    """Sign a draft (its author only): from then on it is read-only."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> NoteRead:
        return service.sign_note(
            session, patient_id=patient_id, note_id=note_id, actor=actor, now=now
        )

    return await access.write_as(work)


@router.post("/{note_id}/addenda", status_code=201, responses=problems(401, 403, 404, 409))
async def add_addendum(
    patient_id: PatientId, note_id: RowNumber, data: AddendumCreate, access: NoteWriteAccess
) -> NoteRead:
    """Amend a signed note: the addendum is appended and signed; the note stays as it was."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> NoteRead:
        return service.add_addendum(
            session, patient_id=patient_id, note_id=note_id, data=data, actor=actor, now=now
        )

    return await access.write_as(work)
