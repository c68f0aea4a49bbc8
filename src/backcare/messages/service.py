"""Message use cases: start a thread, reply, list threads with unread counts, mark read.

Unread is per reader: the messages of a thread written by someone else after the last one this
account marked read. The command line has no account, so nothing is ever unread for it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.errors import NotFoundError
from backcare.messages.models import Message, MessageRead, MessageThread
from backcare.messages.schemas import (
    MessageCreate,
    MessageOut,
    ThreadCreate,
    ThreadList,
    ThreadRead,
    ThreadSummary,
)
from backcare.patients.service import require_patient

NO_THREAD = "No conversation you may see has the id {id}."


def start_thread(
    session: Session, *, patient_id: str, data: ThreadCreate, actor: Actor, now: dt.datetime
) -> ThreadRead:
    """A new thread with its first message; the sender has read it."""
    require_patient(session, patient_id=patient_id)
    thread = MessageThread(
        patient_id=patient_id,
        subject=data.subject,
        started_by=actor.name,
        created_at=now,
        last_message_at=now,
    )
    session.add(thread)
    session.flush()
    _add(session, thread, data.body, actor, now)
    return get_thread(session, patient_id=patient_id, thread_id=thread.id, actor=actor)


def reply(
    session: Session,
    *,
    patient_id: str,
    thread_id: int,
    data: MessageCreate,
    actor: Actor,
    now: dt.datetime,
) -> ThreadRead:
    """Add a message to a thread; the sender has then read everything before it too."""
    thread = _thread(session, patient_id, thread_id)
    _add(session, thread, data.body, actor, now)
    return get_thread(session, patient_id=patient_id, thread_id=thread.id, actor=actor)


def _add(
    session: Session, thread: MessageThread, body: str, actor: Actor, now: dt.datetime
) -> None:
    message = Message(
        thread_id=thread.id,
        patient_id=thread.patient_id,
        author_id=actor.account_id,
        author_role=actor.kind.value,
        author_name=actor.name,
        body=body,
        created_at=now,
    )
    session.add(message)
    thread.last_message_at = now
    session.flush()
    _mark(session, thread.id, actor, message.id)


def mark_read(session: Session, *, patient_id: str, thread_id: int, actor: Actor) -> ThreadRead:
    """Everything in the thread so far is read by this reader."""
    thread = _thread(session, patient_id, thread_id)
    last = session.scalar(select(func.max(Message.id)).where(Message.thread_id == thread.id))
    if last is not None:
        _mark(session, thread.id, actor, last)
    return get_thread(session, patient_id=patient_id, thread_id=thread.id, actor=actor)


def _mark(session: Session, thread_id: int, actor: Actor, message_id: int) -> None:
    if actor.account_id is None:
        return
    row = session.get(MessageRead, (thread_id, actor.account_id))
    if row is None:
        session.add(
            MessageRead(thread_id=thread_id, account_id=actor.account_id, last_read_id=message_id)
        )
    elif row.last_read_id < message_id:
        row.last_read_id = message_id
    session.flush()


def list_threads(session: Session, *, patient_id: str, actor: Actor) -> ThreadList:
    """The person's threads, latest activity first, with this reader's unread counts."""
    require_patient(session, patient_id=patient_id)
    threads = list(
        session.scalars(
            select(MessageThread)
            .where(MessageThread.patient_id == patient_id)
            .order_by(MessageThread.last_message_at.desc(), MessageThread.id.desc())
        )
    )
    counted = session.execute(
        select(Message.thread_id, func.count())
        .where(Message.patient_id == patient_id)
        .group_by(Message.thread_id)
    )
    counts = {row[0]: row[1] for row in counted}
    unread = _unread(session, patient_id, actor)
    summaries = [
        ThreadSummary(
            id=thread.id,
            subject=thread.subject,
            started_by=thread.started_by,
            created_at=thread.created_at,
            last_message_at=thread.last_message_at,
            messages=counts.get(thread.id, 0),
            unread=unread.get(thread.id, 0),
        )
        for thread in threads
    ]
    return ThreadList(unread=sum(unread.values()), threads=summaries)


def unread_total(session: Session, *, patient_id: str, actor: Actor) -> int:
    """Unread messages across the person's threads, for this reader."""
    return sum(_unread(session, patient_id, actor).values())


def get_thread(session: Session, *, patient_id: str, thread_id: int, actor: Actor) -> ThreadRead:
    """A thread and its messages (NotFoundError for another person's or a missing one)."""
    thread = _thread(session, patient_id, thread_id)
    messages = session.scalars(
        select(Message).where(Message.thread_id == thread.id).order_by(Message.id)
    )
    return ThreadRead(
        id=thread.id,
        subject=thread.subject,
        started_by=thread.started_by,
        created_at=thread.created_at,
        unread=_unread(session, patient_id, actor, thread_id=thread.id).get(thread.id, 0),
        messages=[MessageOut.model_validate(message) for message in messages],
    )


def _thread(session: Session, patient_id: str, thread_id: int) -> MessageThread:
    thread = session.get(MessageThread, thread_id)
    if thread is None or thread.patient_id != patient_id:
        raise NotFoundError(NO_THREAD.format(id=thread_id))
    return thread


def _unread(
    session: Session, patient_id: str, actor: Actor, *, thread_id: int | None = None
) -> dict[int, int]:
    """Unread messages per thread for this reader (none for the command line)."""
    if actor.account_id is None:
        return {}
    query = (
        select(Message.thread_id, func.count())
        .outerjoin(
            MessageRead,
            and_(
                MessageRead.thread_id == Message.thread_id,
                MessageRead.account_id == actor.account_id,
            ),
        )
        .where(
            Message.patient_id == patient_id,
            or_(Message.author_id.is_(None), Message.author_id != actor.account_id),
            or_(MessageRead.last_read_id.is_(None), Message.id > MessageRead.last_read_id),
        )
        .group_by(Message.thread_id)
    )
    if thread_id is not None:
        query = query.where(Message.thread_id == thread_id)
    return {row[0]: row[1] for row in session.execute(query)}
