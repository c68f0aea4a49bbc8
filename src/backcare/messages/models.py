"""Message threads, their messages, and how far each reader has read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.accounts.models import ACCOUNT_ID_LENGTH
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow


class MessageThread(Base):
    """A conversation between a person and their care team, about one subject."""

    __tablename__ = "message_threads"
    __table_args__ = (Index("ix_message_threads_patient_last", "patient_id", "last_message_at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    subject: Mapped[str] = mapped_column(String(200))
    started_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Message(Base):
    """One message; written once, never changed."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_thread_id_id", "thread_id", "id"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        RowId, ForeignKey("message_threads.id", ondelete="CASCADE")
    )
    patient_id: Mapped[str] = patient_id_column()
    author_id: Mapped[str | None] = mapped_column(String(32))
    author_role: Mapped[str] = mapped_column(String(20))
    author_name: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MessageRead(Base):
    """The last message of a thread one account has read (unread: every later one not theirs)."""

    __tablename__ = "message_reads"

    thread_id: Mapped[int] = mapped_column(
        RowId, ForeignKey("message_threads.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    last_read_id: Mapped[int] = mapped_column(RowId)
