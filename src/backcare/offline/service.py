"""Idempotency keys: the same key from the same person for the same write gets the same answer.

A device that lost its connection cannot know whether a write it sent arrived; it sends it
again with the key it first used (``Idempotency-Key``). The first request's answer is kept
in the write's own transaction, so either both the write and its answer are stored or
neither is; a replay then gets that answer and writes nothing. The key is checked against
who sent it and what was sent: the same key with other content is refused, never answered
with someone else's result. This does not rely on any rule of the write itself (such as one
check-in per day): it holds for every write that declares it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.errors import ConflictError, InvalidInputError
from backcare.offline import repository
from backcare.offline.models import IdempotentRequest

KEPT_FOR = dt.timedelta(days=30)
"""How long answers are kept: longer than any phone stays offline with a queued write."""
DIFFERENT = (
    "Idempotency-Key: this key was already used for a different request; "
    "send a new key for a new request."
)
RUNNING = "Idempotency-Key: the first request with this key is still being handled; try again."


@dataclass(frozen=True, slots=True)
class Asked:
    """One write sent with a key: whose record, who sent it, to what, and what."""

    patient_id: str
    key: str
    account_id: str
    endpoint: str
    request_hash: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What the first request was answered."""

    status_code: int
    media_type: str
    body: str
    location: str = ""


def fingerprint(*parts: str) -> str:
    """A digest of what was sent, to tell a replay from a different request with the same key."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def begin(session: Session, asked: Asked, *, now: dt.datetime) -> Answer | None:
    """Claim the key for this request (None: go ahead), or the answer the first one got."""
    row = IdempotentRequest(
        patient_id=asked.patient_id,
        key=asked.key,
        account_id=asked.account_id,
        endpoint=asked.endpoint,
        request_hash=asked.request_hash,
        status_code=None,
        media_type="",
        body="",
        location="",
        created_at=now,
    )
    if repository.claim(session, row):
        return None
    kept = repository.find(session, patient_id=asked.patient_id, key=asked.key)
    if kept is None:  # pragma: no cover - erased between the two statements
        raise ConflictError(RUNNING)
    same = (kept.account_id, kept.endpoint, kept.request_hash) == (
        asked.account_id,
        asked.endpoint,
        asked.request_hash,
    )
    if not same:
        raise InvalidInputError(DIFFERENT)
    if kept.status_code is None:
        raise ConflictError(RUNNING)
    return Answer(kept.status_code, kept.media_type, kept.body, kept.location)


def finish(session: Session, asked: Asked, answer: Answer) -> None:
    """Keep the answer of the request that claimed the key (in its transaction)."""
    repository.keep_answer(
        session,
        patient_id=asked.patient_id,
        key=asked.key,
        status_code=answer.status_code,
        media_type=answer.media_type,
        body=answer.body,
        location=answer.location,
    )


def forget_old(session: Session, *, now: dt.datetime) -> int:
    """Drop answers older than ``KEPT_FOR``."""
    return repository.forget_before(session, now - KEPT_FOR)
