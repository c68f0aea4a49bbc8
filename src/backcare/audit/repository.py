"""All SQL about the audit log. Rows are only added; the one update is the erasure's seal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    Row,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Insert

from backcare.audit.chain import ChainedRow
from backcare.audit.models import HEAD_ID, AuditChainHead, AuditLogRow
from backcare.store.driver_query import DriverQuery, DriverWrite

# Core statements on the tables: an append runs on every audited request, and the ORM's unit of
# work would add its own bookkeeping to each.
_log = cast(Table, AuditLogRow.__table__)
_head = cast(Table, AuditChainHead.__table__)
AnyRow = Row[*tuple[Any, ...]]
_VALUE_KEYS = (
    "seq",
    "at",
    "actor_id",
    "actor_role",
    "actor_name",
    "action",
    "patient_key",
    "outcome",
    "source",
    "detail",
    "detail_salt",
    "detail_seal",
    "prev_hash",
    "row_hash",
)
"""The columns an appended row gives, as ``_values`` names them."""
_ASYNC_COMMIT = text("SET LOCAL synchronous_commit = off")
_COLUMNS = (
    _log.c.seq,
    _log.c.at,
    _log.c.actor_id,
    _log.c.actor_role,
    _log.c.actor_name,
    _log.c.action,
    _log.c.patient_key.label("patient_id"),
    _log.c.outcome,
    _log.c.source,
    _log.c.detail,
    _log.c.detail_salt,
    _log.c.detail_seal,
    _log.c.prev_hash,
    _log.c.row_hash,
)


# The append statements are built once, on first use: every audited request runs all three.
@cache
def _lock_head_query() -> Select[tuple[int, str]]:
    return (
        select(_head.c.last_seq, _head.c.last_hash).where(_head.c.id == HEAD_ID).with_for_update()
    )


@cache
def _insert_row() -> Insert:
    return insert(_log)


@cache
def _move_head() -> Update:
    return (
        update(_head)
        .where(_head.c.id == HEAD_ID)
        .values(last_seq=bindparam("new_seq"), last_hash=bindparam("new_hash"))
    )


def commit_without_flush(session: Session) -> None:
    """On PostgreSQL, let this transaction's commit return before its WAL reaches the disk."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_ASYNC_COMMIT)


_LOCK_HEAD = DriverQuery(_lock_head_query())
"""Run on the driver's cursor (store.driver_query): every audit batch starts with it."""


def lock_head(session: Session) -> tuple[int, str]:
    """The chain's last row number and hash, locked until the transaction ends."""
    found = _LOCK_HEAD.first(session, {})
    if found is None:  # the migration makes the head row, and a trigger refuses its deletion
        raise RuntimeError("the audit log's chain head is missing")
    last_seq, last_hash = found
    return int(last_seq), str(last_hash)


def read_head(session: Session) -> tuple[int, str]:
    """The chain's last row number and hash, without locking."""
    found = session.execute(
        select(_head.c.last_seq, _head.c.last_hash).where(_head.c.id == HEAD_ID)
    ).one()
    return int(found.last_seq), str(found.last_hash)


def append(session: Session, row: ChainedRow) -> None:
    """Insert ``row`` and make it the chain's head (the head must be locked by this session)."""
    append_all(session, [row])


_APPEND = DriverWrite(_insert_row(), keys=_VALUE_KEYS)
_MOVE_HEAD = DriverWrite(_move_head(), keys=("new_seq", "new_hash"))


def append_all(session: Session, rows: Sequence[ChainedRow]) -> None:
    """Insert ``rows`` (chained in order) and make the last the head, which this session locked."""
    # On the driver's cursor (store.driver_query): every audit batch runs both.
    _APPEND.many(session, [_values(row) for row in rows])
    # The head moves one row at a time (the database's trigger refuses a jump), in one
    # executemany: the driver loops over the rows, not Python.
    _MOVE_HEAD.many(session, [_head_values(row) for row in rows])


def _head_values(row: ChainedRow) -> dict[str, Any]:
    return {"new_seq": row.seq, "new_hash": row.row_hash}


def _values(row: ChainedRow) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "at": row.at,
        "actor_id": row.actor_id,
        "actor_role": row.actor_role,
        "actor_name": row.actor_name,
        "action": row.action,
        "patient_key": row.patient_id,
        "outcome": row.outcome,
        "source": row.source,
        "detail": row.detail,
        "detail_salt": row.detail_salt,
        "detail_seal": row.detail_seal,
        "prev_hash": row.prev_hash,
        "row_hash": row.row_hash,
    }


def rows_after(session: Session, seq: int, *, limit: int) -> list[ChainedRow]:
    """Up to ``limit`` rows after row ``seq``, in chain order."""
    query = select(*_COLUMNS).where(_log.c.seq > seq).order_by(_log.c.seq).limit(limit)
    return [_chained(found) for found in session.execute(query)]


def iter_rows(session: Session, *, batch: int = 5_000) -> Iterator[ChainedRow]:
    """Every row in chain order, read a batch at a time."""
    last = 0
    while rows := rows_after(session, last, limit=batch):
        yield from rows
        last = rows[-1].seq


def page(session: Session, *, patient_id: str | None, limit: int, offset: int) -> list[ChainedRow]:
    """A page of rows, newest first, of one patient's record or of everything."""
    query = select(*_COLUMNS).order_by(_log.c.seq.desc()).limit(limit).offset(offset)
    if patient_id is not None:
        query = query.where(_log.c.patient_key == patient_id)
    return [_chained(found) for found in session.execute(query)]


def access_counts(session: Session, *, patient_id: str) -> Sequence[AnyRow]:
    """Per actor, action and outcome on one record: how many times, first and last time."""
    keys = (
        _log.c.actor_id,
        _log.c.actor_role,
        _log.c.actor_name,
        _log.c.action,
        _log.c.outcome,
    )
    query = (
        select(
            *keys,
            func.count().label("times"),
            func.min(_log.c.at).label("first_at"),
            func.max(_log.c.at).label("last_at"),
        )
        .where(_log.c.patient_key == patient_id)
        .group_by(*keys)
        .order_by(func.max(_log.c.seq).desc())
    )
    return session.execute(query).all()


def rows_to_seal(
    session: Session, *, patient_id: str, actor_ids: Sequence[str]
) -> list[ChainedRow]:
    """Rows about this patient, or by these accounts, whose detail is still readable."""
    about = _log.c.patient_key == patient_id
    by = _log.c.actor_id.in_(actor_ids) if actor_ids else None
    query = (
        select(*_COLUMNS)
        .where(and_(_log.c.detail_salt.is_not(None), _log.c.detail != ""))
        .where(about if by is None else or_(about, by))
        .order_by(_log.c.seq)
    )
    return [_chained(found) for found in session.execute(query)]


def seal(session: Session, *, seq: int, detail_seal: str) -> None:
    """Replace row ``seq``'s detail by its seal: the erasure path, and the only update."""
    session.execute(
        update(_log)
        .where(_log.c.seq == seq, _log.c.detail_salt.is_not(None))
        .values(detail="", detail_salt=None, detail_seal=detail_seal)
    )


def _chained(found: AnyRow) -> ChainedRow:
    at: datetime = found.at
    return ChainedRow(
        seq=int(found.seq),
        at=at,
        actor_id=found.actor_id,
        actor_role=found.actor_role,
        actor_name=found.actor_name,
        action=found.action,
        patient_id=found.patient_id,
        outcome=found.outcome,
        source=found.source,
        detail=found.detail,
        detail_salt=found.detail_salt,
        detail_seal=found.detail_seal,
        prev_hash=found.prev_hash,
        row_hash=found.row_hash,
    )
