"""The audit tables: the hash-chained log, and the one row that holds the chain's head."""

from __future__ import annotations

from datetime import datetime
from typing import get_args

from sqlalchemy import CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backcare.audit.schemas import ActorRole
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime

HASH_LENGTH = 64  # SHA-256 in hex
SALT_LENGTH = 32  # 16 random bytes in hex
HEAD_ID = 1
ACTOR_ROLES = get_args(ActorRole)


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


class AuditLogRow(Base):
    """One recorded access; rows are only ever added, never changed except by an erasure seal.

    ``patient_key`` is the patient's id kept as a pseudonymous key with no foreign key, so the
    row outlives the record it names (an erasure must not erase the trail of who opened it).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        # Exactly one of the two: the detail's salt while it is readable, its seal once erased.
        CheckConstraint(
            "(detail_salt IS NULL) = (detail_seal IS NOT NULL)", name="detail_salt_or_seal"
        ),
        CheckConstraint("detail_salt IS NOT NULL OR detail = ''", name="sealed_detail_empty"),
        CheckConstraint(f"actor_role IN ({_quoted(ACTOR_ROLES)})", name="actor_role_known"),
        CheckConstraint("outcome IN ('allowed', 'denied')", name="outcome_known"),
        Index("ix_audit_log_patient_key_seq", "patient_key", "seq"),
    )

    seq: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[str | None] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(16))
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    patient_key: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(String(200))
    detail_salt: Mapped[str | None] = mapped_column(String(SALT_LENGTH))
    detail_seal: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    prev_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    row_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class AuditChainHead(Base):
    """The last row's number and hash; appenders lock this one row, so the chain never forks."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint(f"id = {HEAD_ID}", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(RowId)
    last_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
