"""Audit use cases: record an access, verify the chain, list, summarise, erase a person's trail.

Services take a Session and never commit: an audit row commits or rolls back with the access
it records. ``record`` locks the chain's head row until the transaction ends, so call it last in
a unit of work: the lock is then held only for the commit.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import IO, Literal

from sqlalchemy.orm import Session

from backcare.audit import repository
from backcare.audit.chain import (
    AuditTamperedError,
    ChainedRow,
    check_chain,
    new_row,
    row_hash,
    seal_detail,
)
from backcare.audit.schemas import (
    AccessSummary,
    AuditAction,
    AuditActor,
    AuditEvent,
    AuditRow,
    ChainReport,
)
from backcare.errors import InvalidInputError

ExportFormat = Literal["jsonl", "csv"]
MAX_PAGE = 10_000
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Roles whose own name is never stored: the account id stands for them (see AuditActor).
_NAMELESS_ROLES = frozenset({"person", "anonymous"})


def record(session: Session, event: AuditEvent, *, at: datetime, durable: bool = True) -> None:
    """Append ``event`` to the chain, in the caller's transaction.

    ``durable=False`` is for a transaction that writes nothing but the audit rows of reads: on
    PostgreSQL its commit then returns before the disk flush (the durability SQLite's
    ``synchronous=NORMAL`` gives every commit), so audited reads do not queue behind each
    other's flush while holding the chain's head. A server crash may then lose the last
    fraction of a second of those rows; never pass it for a transaction that changes a record.
    """
    record_many(session, [(event, at)], durable=durable)


def record_many(
    session: Session, events: Sequence[tuple[AuditEvent, datetime]], *, durable: bool = True
) -> None:
    """Append ``events`` to the chain in order, each at its own time, in the caller's transaction.

    The head is locked and moved once, and the rows go in one statement: the audit writer
    (access.audit_writer) appends a whole batch of requests' lines this way, so a line costs
    its hash and its share of one insert rather than three statements of its own. Each row
    still chains to the one before it, exactly as if they had been recorded one by one.
    """
    if not events:
        return
    if not durable:
        repository.commit_without_flush(session)
    last_seq, last_hash = repository.lock_head(session)
    rows = []
    for event, at in events:
        last_seq += 1
        row = _chained_row(event, at=at, seq=last_seq, prev_hash=last_hash)
        last_hash = row.row_hash
        rows.append(row)
    repository.append_all(session, rows)


def _chained_row(event: AuditEvent, *, at: datetime, seq: int, prev_hash: str) -> ChainedRow:
    """The stored form of ``event`` as row ``seq``, hashed onto ``prev_hash``."""
    actor = event.actor
    return new_row(
        seq=seq,
        at=at.astimezone(UTC),
        actor_id=actor.actor_id,
        actor_role=actor.role,
        actor_name="" if actor.role in _NAMELESS_ROLES else actor.name,
        action=event.action.value,
        patient_id=event.patient_id,
        outcome=event.outcome,
        source=event.source,
        detail=event.detail,
        prev_hash=prev_hash,
    )


def verify(session: Session) -> ChainReport:
    """Check every row from the first to the head; report the first that does not fit."""
    head_seq, head_hash = repository.read_head(session)
    checked, found = check_chain(
        repository.iter_rows(session), head_seq=head_seq, head_hash=head_hash
    )
    if found is None:
        return ChainReport(ok=True, rows_checked=checked, head_hash=head_hash)
    return ChainReport(
        ok=False,
        rows_checked=checked,
        head_hash=head_hash,
        first_bad_seq=found.seq,
        problem=found.problem,
    )


def list_events(
    session: Session, *, patient_id: str | None = None, limit: int = 100, offset: int = 0
) -> list[AuditRow]:
    """A page of the log, newest first: everything, or one person's record."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInputError(f"limit: must be from 1 to {MAX_PAGE}.")
    if offset < 0:
        raise InvalidInputError("offset: must be 0 or more.")
    rows = repository.page(session, patient_id=patient_id, limit=limit, offset=offset)
    return [to_read(row) for row in rows]


def who_opened(session: Session, *, patient_id: str) -> list[AccessSummary]:
    """Who read, changed, exported or broke the glass on this record, most recent first."""
    return [
        AccessSummary.model_validate(found, from_attributes=True)
        for found in repository.access_counts(session, patient_id=patient_id)
    ]


def erase_patient_trail(
    session: Session,
    *,
    patient_id: str,
    account_ids: Sequence[str] = (),
    actor: AuditActor,
    source: str,
    at: datetime,
) -> int:
    """Seal the words of every row about this person or by their accounts; log the erasure.

    Rows keep who acted, what, when, from where and the outcome; their free-text detail is
    replaced by its seal, so the chain still verifies. A row that no longer matches its own
    hash is refused rather than sealed, so an erasure can never launder an edit. Returns how
    many rows were sealed.
    """
    rows = repository.rows_to_seal(session, patient_id=patient_id, actor_ids=account_ids)
    for row in rows:
        if row_hash(row, prev_hash=row.prev_hash) != row.row_hash:
            raise AuditTamperedError(
                f"The audit log's row {row.seq} was changed after it was written; run "
                "`backcare audit verify` before erasing."
            )
        assert row.detail_salt is not None  # rows_to_seal selects readable details only
        repository.seal(session, seq=row.seq, detail_seal=seal_detail(row.detail_salt, row.detail))
    event = AuditEvent(
        actor=actor,
        action=AuditAction.record_erase,
        patient_id=patient_id,
        source=source,
        detail=f"record erased; {len(rows)} earlier audit details sealed",
    )
    record(session, event, at=at)
    return len(rows)


def export(session: Session, out: IO[str], *, fmt: ExportFormat = "jsonl") -> int:
    """Write the whole log, oldest first, as JSON lines or CSV; returns the number of rows."""
    rows = (to_read(row) for row in repository.iter_rows(session))
    if fmt == "jsonl":
        return _write_jsonl(rows, out)
    if fmt == "csv":
        return _write_csv(rows, out)
    raise InvalidInputError(f"format: {fmt!r} is not one of jsonl, csv.")


def to_read(row: ChainedRow) -> AuditRow:
    """The listed form of a stored row."""
    fields = dataclasses.asdict(row)
    fields["sealed"] = fields.pop("detail_salt") is None
    del fields["detail_seal"]
    return AuditRow.model_validate(fields)


def _write_jsonl(rows: Iterable[AuditRow], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(row.model_dump_json() + "\n")
        count += 1
    return count


def _write_csv(rows: Iterable[AuditRow], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(AuditRow.model_fields)
    count = 0
    for row in rows:
        writer.writerow(_defused(value) for value in row.model_dump(mode="json").values())
        count += 1
    return count


def _defused(value: object) -> object:
    """A cell a spreadsheet will show as text, never run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
