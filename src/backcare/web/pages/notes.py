"""The notes page: the notes the reader may see; for clinicians, writing, signing, amending."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.errors import ConflictError, ForbiddenError, InvalidInputError
from backcare.notes import service
from backcare.notes.schemas import AddendumCreate, NoteCreate, NoteUpdate
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.plan_edits.service import profession_words
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import FormDep, first, patient_or_404, render, see_other
from backcare.web.plan_edit_form import problems_of
from backcare.web.state import web_state

router = APIRouter()
NoteReader = Annotated[Actor, Depends(page_guard(Action.NOTE_READ))]
NoteWriter = Annotated[Actor, Depends(page_guard(Action.NOTE_WRITE))]
KIND_WORDS = {
    NoteKind.ASSESSMENT: "Assessment",
    NoteKind.TREATMENT: "Treatment",
    NoteKind.PROGRESS: "Progress",
}
VISIBILITY_WORDS = {
    Visibility.TEAM_AND_PERSON: "The person and their care team",
    Visibility.TEAM: "The care team only",
    Visibility.AUTHOR: "Only me",
}


def _page(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    *,
    status: int = 200,
    **extra: Any,
) -> Response:
    context = {
        "patient": patient_or_404(session, patient_id),
        "nav": "notes",
        "notes": service.list_notes(session, patient_id=patient_id, actor=actor),
        "me": actor,
        "is_clinician": actor.kind is Kind.CLINICIAN,
        "kinds": KIND_WORDS,
        "visibilities": VISIBILITY_WORDS,
        "profession_words": profession_words,
        "values": {},
        "problems": [],
        **extra,
    }
    response = render(request, "notes.html", context)
    response.status_code = status
    return response


@router.get("/patients/{patient_id}/notes")
def notes_page(
    request: Request, patient_id: PatientId, actor: NoteReader, session: ReadSessionDep
) -> Response:
    """The notes the reader may see, newest first."""
    return _page(request, session, patient_id, actor)


def _attempt(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    model: type[BaseModel],
    values: dict[str, Any],
    run: Any,
) -> Response:
    """Validate, run, and go back to the notes; a problem re-renders the page saying why."""
    try:
        data = model.model_validate(values)
    except ValidationError as error:
        problems = problems_of(list(error.errors(include_url=False)))
        return _page(
            request, session, patient_id, actor, status=422, values=values, problems=problems
        )
    try:
        run(data)
    except (ConflictError, InvalidInputError) as error:
        status = 409 if isinstance(error, ConflictError) else 422
        return _page(request, session, patient_id, actor, status=status, problems=[str(error)])
    except ForbiddenError as error:
        return _page(request, session, patient_id, actor, status=403, problems=[str(error)])
    return see_other(request, f"/patients/{patient_id}/notes")


@router.post("/patients/{patient_id}/notes")
def write_note(
    request: Request, patient_id: PatientId, actor: NoteWriter, form: FormDep, session: SessionDep
) -> Response:
    """A new note (signed at once when the box is ticked)."""
    values = {
        "kind": first(form, "kind"),
        "visibility": first(form, "visibility"),
        "body": first(form, "body"),
        "sign": bool(form.get("sign")),
    }
    now = web_state(request).now()

    def run(data: NoteCreate) -> None:
        service.write_note(session, patient_id=patient_id, data=data, actor=actor, now=now)

    return _attempt(request, session, patient_id, actor, NoteCreate, values, run)


@router.post("/patients/{patient_id}/notes/{note_id}/edit")
def edit_note(
    request: Request,
    patient_id: PatientId,
    note_id: RowNumber,
    actor: NoteWriter,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Change a draft's text; a signed note is refused, saying to add an addendum."""
    now = web_state(request).now()

    def run(data: NoteUpdate) -> None:
        service.edit_note(
            session, patient_id=patient_id, note_id=note_id, data=data, actor=actor, now=now
        )

    values = {"body": first(form, "body")}
    return _attempt(request, session, patient_id, actor, NoteUpdate, values, run)


class _Nothing(BaseModel):
    pass


@router.post("/patients/{patient_id}/notes/{note_id}/sign")
def sign_note(
    request: Request,
    patient_id: PatientId,
    note_id: RowNumber,
    actor: NoteWriter,
    session: SessionDep,
) -> Response:
    """Sign a draft: from now on it is read-only."""
    now = web_state(request).now()

    def run(_data: _Nothing) -> None:
        service.sign_note(session, patient_id=patient_id, note_id=note_id, actor=actor, now=now)

    return _attempt(request, session, patient_id, actor, _Nothing, {}, run)


@router.post("/patients/{patient_id}/notes/{note_id}/addenda")
def add_addendum(
    request: Request,
    patient_id: PatientId,
    note_id: RowNumber,
    actor: NoteWriter,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Amend a signed note with an addendum."""
    now = web_state(request).now()

    def run(data: AddendumCreate) -> None:
        service.add_addendum(
            session, patient_id=patient_id, note_id=note_id, data=data, actor=actor, now=now
        )

    values = {"body": first(form, "body")}
    return _attempt(request, session, patient_id, actor, AddendumCreate, values, run)
