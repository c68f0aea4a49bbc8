"""Message threads between a person and their care team, with unread counts per reader."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.messages import service
from backcare.messages.schemas import MessageCreate, ThreadCreate, ThreadList, ThreadRead
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import MessageReadAccess, MessageSendAccess, PatientId, RowNumber

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/threads", tags=["messages"])


@router.get("", responses=problems(401, 404))
async def list_threads(patient_id: PatientId, access: MessageReadAccess) -> ThreadList:
    """The person's threads, latest first, with the caller's unread counts."""

    def work(session: Session, actor: Actor) -> ThreadList:
        return service.list_threads(session, patient_id=patient_id, actor=actor)

    return await access.read_as(work)


@router.post("", status_code=201, responses=problems(401, 403, 404))
async def start_thread(
    patient_id: PatientId, data: ThreadCreate, access: MessageSendAccess
) -> ThreadRead:
    """Start a conversation (the person or a clinician in their care)."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> ThreadRead:
        return service.start_thread(session, patient_id=patient_id, data=data, actor=actor, now=now)

    return await access.write_as(work)


@router.get("/{thread_id}", responses=problems(401, 404))
async def get_thread(
    patient_id: PatientId, thread_id: RowNumber, access: MessageReadAccess
) -> ThreadRead:
    """A thread and its messages; reading it here does not mark it read (POST .../read)."""

    def work(session: Session, actor: Actor) -> ThreadRead:
        return service.get_thread(session, patient_id=patient_id, thread_id=thread_id, actor=actor)

    return await access.read_as(work)


@router.post("/{thread_id}/messages", status_code=201, responses=problems(401, 403, 404))
async def reply(
    patient_id: PatientId, thread_id: RowNumber, data: MessageCreate, access: MessageSendAccess
) -> ThreadRead:
    """Reply in a thread."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> ThreadRead:
        return service.reply(
            session, patient_id=patient_id, thread_id=thread_id, data=data, actor=actor, now=now
        )

    return await access.write_as(work)


@router.post("/{thread_id}/read", responses=problems(401, 404))
async def mark_read(
    patient_id: PatientId, thread_id: RowNumber, access: MessageReadAccess
) -> ThreadRead:
    """Mark every message of the thread so far as read by the caller."""

    def work(session: Session, actor: Actor) -> ThreadRead:
        return service.mark_read(session, patient_id=patient_id, thread_id=thread_id, actor=actor)

    return await access.write_as(work)
