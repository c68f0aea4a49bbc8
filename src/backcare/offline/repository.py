"""All SQL of the kept Idempotency-Key answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backcare.offline.models import IdempotentRequest


def claim(session: Session, row: IdempotentRequest) -> bool:
    """Insert the key's row unless it exists; True when this request inserted it.

    On PostgreSQL an insert that meets another transaction's uncommitted row with the same
    key waits for that transaction, so a replay sent while the first is still running sees
    its committed answer; on SQLite writers already run one at a time.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = IdempotentRequest.__table__
    values = {column.name: getattr(row, column.key) for column in table.c}
    values = {name: value for name, value in values.items() if value is not None}
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing()
    return bool(session.execute(statement.returning(table.c.key)).first())


def find(session: Session, *, patient_id: str, key: str) -> IdempotentRequest | None:
    """The kept row of one key."""
    query = select(IdempotentRequest).where(
        IdempotentRequest.patient_id == patient_id, IdempotentRequest.key == key
    )
    return session.scalars(query).one_or_none()


def keep_answer(
    session: Session,
    *,
    patient_id: str,
    key: str,
    status_code: int,
    media_type: str,
    body: str,
    location: str,
) -> None:
    """Record the answer the first request got."""
    session.execute(
        update(IdempotentRequest)
        .where(IdempotentRequest.patient_id == patient_id, IdempotentRequest.key == key)
        .values(status_code=status_code, media_type=media_type, body=body, location=location)
    )


def forget_before(session: Session, moment: dt.datetime) -> int:
    """Drop the keys kept since before ``moment``; how many went."""
    result = session.execute(delete(IdempotentRequest).where(IdempotentRequest.created_at < moment))
    return int(result.rowcount)  # type: ignore[attr-defined]
