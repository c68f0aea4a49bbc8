"""The hash chain, pure: how a row is encoded and hashed, and how a run of rows is checked.

Each row's hash is SHA-256 over a canonical JSON array of its fields and the previous row's
hash, so changing, removing or reordering any row breaks every hash after it. The free-text
``detail`` enters the hash only through a salted digest (its *seal*), so an erasure can remove
the words and keep the seal: the chain still verifies, and the seal, salt gone, tells nothing.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from backcare.errors import ConflictError

GENESIS_HASH = "0" * 64
"""The "previous hash" of the first row."""
ENCODING_VERSION = 1
"""Part of every hashed encoding, so a future change of encoding cannot collide with this one."""


class AuditTamperedError(ConflictError):
    """The audit log does not verify, so an operation that relies on it is refused."""


@dataclass(frozen=True, slots=True)
class ChainedRow:
    """The hashed content of one row, as stored."""

    seq: int
    at: datetime
    actor_id: str | None
    actor_role: str
    actor_name: str
    action: str
    patient_id: str | None
    outcome: str
    source: str
    detail: str
    detail_salt: str | None
    detail_seal: str | None
    prev_hash: str
    row_hash: str


@dataclass(frozen=True, slots=True)
class Break:
    """The first row that does not fit the chain, and why, in one sentence."""

    seq: int
    problem: str


def new_salt() -> str:
    """A fresh random salt for one row's detail (16 bytes from the OS, in hex)."""
    return secrets.token_hex(16)


def seal_detail(salt: str, detail: str) -> str:
    """The salted digest that stands for ``detail`` in the row's hash."""
    return _sha256([ENCODING_VERSION, "detail", salt, detail])


def row_hash(row: ChainedRow, *, prev_hash: str) -> str:
    """The hash of ``row`` chained to ``prev_hash`` (the stored ``row_hash`` is ignored)."""
    seal = row.detail_seal if row.detail_salt is None else seal_detail(row.detail_salt, row.detail)
    return _sha256(
        [
            ENCODING_VERSION,
            row.seq,
            canonical_time(row.at),
            row.actor_id,
            row.actor_role,
            row.actor_name,
            row.action,
            row.patient_id,
            row.outcome,
            row.source,
            seal,
            prev_hash,
        ]
    )


def new_row(
    *,
    seq: int,
    at: datetime,
    actor_id: str | None,
    actor_role: str,
    actor_name: str,
    action: str,
    patient_id: str | None,
    outcome: str,
    source: str,
    detail: str,
    prev_hash: str,
) -> ChainedRow:
    """A new readable row (a fresh salt for its detail), hashed onto ``prev_hash``.

    The same hash as ``row_hash`` gives for the finished row, computed before the row is made,
    so every appended line builds one row and not two.
    """
    salt = new_salt()
    digest = _sha256(
        [
            ENCODING_VERSION,
            seq,
            canonical_time(at),
            actor_id,
            actor_role,
            actor_name,
            action,
            patient_id,
            outcome,
            source,
            seal_detail(salt, detail),
            prev_hash,
        ]
    )
    return ChainedRow(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_role=actor_role,
        actor_name=actor_name,
        action=action,
        patient_id=patient_id,
        outcome=outcome,
        source=source,
        detail=detail,
        detail_salt=salt,
        detail_seal=None,
        prev_hash=prev_hash,
        row_hash=digest,
    )


def canonical_time(at: datetime) -> str:
    """The instant in UTC to the microsecond, the same whichever database stored it."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_chain(
    rows: Iterable[ChainedRow], *, head_seq: int, head_hash: str
) -> tuple[int, Break | None]:
    """How many rows fit the chain from the first up to the head, and the first break if any.

    ``rows`` are read in stored order; rows past ``head_seq`` were appended after the head was
    read and are left for the next check.
    """
    expected_seq, prev = 1, GENESIS_HASH
    for row in rows:
        if row.seq > head_seq:
            break
        problem = _problem(row, expected_seq=expected_seq, prev_hash=prev)
        if problem:
            return expected_seq - 1, Break(expected_seq, problem)
        expected_seq, prev = row.seq + 1, row.row_hash
    checked = expected_seq - 1
    if checked != head_seq:
        missing = checked + 1
        return checked, Break(missing, f"row {missing} is missing (the head is row {head_seq})")
    if prev != head_hash:
        return checked, Break(head_seq, f"row {head_seq} does not match the chain's head")
    return checked, None


def _problem(row: ChainedRow, *, expected_seq: int, prev_hash: str) -> str:
    """Why ``row`` does not fit where it stands, or "" when it does."""
    if row.seq > expected_seq:
        return f"row {expected_seq} is missing (the log jumps to row {row.seq})"
    if row.prev_hash != prev_hash:
        return f"row {row.seq} does not link to the row before it (removed or reordered rows)"
    if row.detail_salt is None and (row.detail or row.detail_seal is None):
        return f"row {row.seq} has a sealed detail that was changed"
    if row_hash(row, prev_hash=prev_hash) != row.row_hash:
        return f"row {row.seq} was changed after it was written"
    return ""


# json.dumps with these options builds an encoder on every call: one, made once, is the same.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _sha256(fields: list[object]) -> str:
    encoded = _ENCODER.encode(fields)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
