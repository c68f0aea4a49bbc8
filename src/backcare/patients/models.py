"""The patient table; every other table hangs off it and is erased with it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column

from backcare.store.base import Base
from backcare.store.types import JsonDoc, UTCDateTime, utcnow

PATIENT_ID_LENGTH = 32


def new_patient_id() -> str:
    """A random id (uuid4 hex): stable, and not guessable from another patient's id."""
    return uuid.uuid4().hex


class Patient(Base):
    """A person followed by Backcare.

    There are no collections here on purpose: repositories query children by ``patient_id``,
    and the database erases them with ON DELETE CASCADE, so this package depends on no other.
    """

    __tablename__ = "patients"

    id: Mapped[str] = mapped_column(
        String(PATIENT_ID_LENGTH), primary_key=True, default=new_patient_id
    )
    display_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    preferences: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)


def patient_id_column() -> MappedColumn[str]:
    """The owner column of every child table: deleting the patient deletes the row."""
    return mapped_column(String(PATIENT_ID_LENGTH), ForeignKey("patients.id", ondelete="CASCADE"))
