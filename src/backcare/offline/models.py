"""The answers to writes sent with an Idempotency-Key, kept so a replay gets the same one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import UTCDateTime, utcnow

KEY_LENGTH = 100
ACCOUNT_LENGTH = 32
HASH_LENGTH = 64
LOCATION_LENGTH = 500


class IdempotentRequest(Base):
    """One write a person's device sent with a key: which request, and the answer it had.

    Keyed by the record and the key; erasing the record erases these with it.
    """

    __tablename__ = "idempotent_requests"
    __table_args__ = (
        PrimaryKeyConstraint("patient_id", "key"),
        Index("ix_idempotent_requests_created_at", "created_at"),
    )

    patient_id: Mapped[str] = patient_id_column()
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    account_id: Mapped[str] = mapped_column(String(ACCOUNT_LENGTH))
    """The account that sent it (not a foreign key: the record's erasure removes the row)."""
    endpoint: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    status_code: Mapped[int | None]
    """None while the first request is still running."""
    media_type: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(LOCATION_LENGTH), default="")
    """Where a redirect answer sent the browser (empty for other answers)."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
