"""The messages pages: the threads with unread counts, one thread, replies, new threads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError

from backcare.access.policy import Action, Actor
from backcare.messages import service
from backcare.messages.schemas import MessageCreate, ThreadCreate
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import FormDep, first, patient_or_404, render, see_other
from backcare.web.plan_edit_form import problems_of
from backcare.web.state import web_state

router = APIRouter()
MessageReader = Annotated[Actor, Depends(page_guard(Action.MESSAGE_READ))]
MessageSender = Annotated[Actor, Depends(page_guard(Action.MESSAGE_SEND))]


@router.get("/patients/{patient_id}/messages")
def messages_page(
    request: Request, patient_id: PatientId, actor: MessageReader, session: ReadSessionDep
) -> Response:
    """Every thread, latest first, with what this reader has not read yet."""
    context = {
        "patient": patient_or_404(session, patient_id),
        "nav": "messages",
        "listing": service.list_threads(session, patient_id=patient_id, actor=actor),
        "values": {},
        "problems": [],
    }
    return render(request, "messages.html", context)


@router.post("/patients/{patient_id}/messages")
def start_thread(
    request: Request,
    patient_id: PatientId,
    actor: MessageSender,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Start a conversation, then show it."""
    values = {"subject": first(form, "subject"), "body": first(form, "body")}
    try:
        data = ThreadCreate.model_validate(values)
    except ValidationError as error:
        context = {
            "patient": patient_or_404(session, patient_id),
            "nav": "messages",
            "listing": service.list_threads(session, patient_id=patient_id, actor=actor),
            "values": values,
            "problems": problems_of(list(error.errors(include_url=False))),
        }
        response = render(request, "messages.html", context)
        response.status_code = 422
        return response
    now = web_state(request).now()
    thread = service.start_thread(session, patient_id=patient_id, data=data, actor=actor, now=now)
    return see_other(request, f"/patients/{patient_id}/messages/{thread.id}")


@router.get("/patients/{patient_id}/messages/{thread_id}")
def thread_page(
    request: Request,
    patient_id: PatientId,
    thread_id: RowNumber,
    actor: MessageReader,
    session: SessionDep,
) -> Response:
    """One conversation; opening it marks it read for this reader."""
    patient = patient_or_404(session, patient_id)
    before = service.get_thread(session, patient_id=patient_id, thread_id=thread_id, actor=actor)
    thread = service.mark_read(session, patient_id=patient_id, thread_id=thread_id, actor=actor)
    context = {
        "patient": patient,
        "nav": "messages",
        "thread": thread,
        "was_unread": before.unread,
        "me": actor,
        "values": {},
        "problems": [],
    }
    return render(request, "thread.html", context)


@router.post("/patients/{patient_id}/messages/{thread_id}")
def reply(
    request: Request,
    patient_id: PatientId,
    thread_id: RowNumber,
    actor: MessageSender,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Reply in a conversation."""
    values = {"body": first(form, "body")}
    try:
        data = MessageCreate.model_validate(values)
    except ValidationError as error:
        thread = service.get_thread(
            session, patient_id=patient_id, thread_id=thread_id, actor=actor
        )
        context = {
            "patient": patient_or_404(session, patient_id),
            "nav": "messages",
            "thread": thread,
            "was_unread": 0,
            "me": actor,
            "values": values,
            "problems": problems_of(list(error.errors(include_url=False))),
        }
        response = render(request, "thread.html", context)
        response.status_code = 422
        return response
    now = web_state(request).now()
    service.reply(
        session, patient_id=patient_id, thread_id=thread_id, data=data, actor=actor, now=now
    )
    return see_other(request, f"/patients/{patient_id}/messages/{thread_id}#latest")
