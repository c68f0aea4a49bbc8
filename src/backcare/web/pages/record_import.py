"""A clinician imports a FHIR Bundle as a new record from a page (the API and `backcare import`
do the same): the one policy (``record.import``), the import's own audit line, and a refusal
shown above the form, naming the resource and the field, with nothing written."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from backcare.access.policy import Action, Actor
from backcare.access.records import import_record
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import KnowledgeDep, SessionDep
from backcare.web.pages.common import render, see_other
from backcare.web.pages.team_forms import FormRefusedError, attempt
from backcare.web.state import web_state

router = APIRouter()
Importer = Annotated[Actor, Depends(page_guard(Action.IMPORT))]
FIELD = "bundle"
PAGE_MAX_BYTES = 1024 * 1024
"""What the page's file may hold; the request body limit (MAX_BODY_BYTES, 1 MiB by default)
refuses a larger one first. A longer record goes through the API (10 MB) or the command line."""
NO_FILE = "bundle: choose the FHIR file (a Bundle exported by Backcare or another system)."


async def uploaded(request: Request) -> bytes | None:
    """The chosen file's bytes (None when no file was chosen), read at most to the limit."""
    form = await request.form()
    try:
        found = form.get(FIELD)
        if not isinstance(found, UploadFile):
            return None
        return await found.read(PAGE_MAX_BYTES + 1)
    finally:
        await form.close()  # the upload's temporary file


Upload = Annotated[bytes | None, Depends(uploaded)]


@router.get("/records/import")
def import_page(request: Request, _actor: Importer) -> Response:
    """The form: one FHIR file."""
    return render(request, "record_import.html", {"nav": "caseload"})


@router.post("/records/import")
def import_submit(
    request: Request,
    actor: Importer,
    session: SessionDep,
    knowledge: KnowledgeDep,
    raw: Upload,
) -> Response:
    """Import the file as a new record in the clinician's care, then show its plan."""
    try:
        if not raw:
            raise FormRefusedError(NO_FILE, 422)
        result = attempt(
            session,
            lambda: import_record(
                session,
                raw=raw,
                knowledge=knowledge,
                patient_id=None,
                actor=actor,
                source=client_address(request),
                now=web_state(request).now(),
                limit=PAGE_MAX_BYTES,
            ),
        )
    except FormRefusedError as refused:
        context = {"nav": "caseload", "message": refused.message}
        response = render(request, "record_import.html", context)
        response.status_code = refused.status
        return response
    return see_other(request, f"/patients/{result.patient_id}/plan")
