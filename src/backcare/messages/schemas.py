"""What goes into and comes out of message threads."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backcare.domain.text import Line, Text

BODY_MAX = 10_000
Body = Annotated[Text, Field(min_length=1, max_length=BODY_MAX)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ThreadCreate(Input):
    """A new conversation: its subject and first message."""

    subject: Annotated[Line, Field(min_length=1, max_length=200)]
    body: Body


class MessageCreate(Input):
    """A reply in a thread."""

    body: Body


class MessageOut(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    author_name: str
    author_role: str
    body: str
    created_at: datetime


class ThreadSummary(BaseModel):
    """A thread in the list: its subject, when it last moved, and how much is unread."""

    model_config = ConfigDict(frozen=True)

    id: int
    subject: str
    started_by: str
    created_at: datetime
    last_message_at: datetime
    messages: int
    unread: int = Field(description="Messages by others this reader has not read yet.")


class ThreadList(BaseModel):
    model_config = ConfigDict(frozen=True)

    unread: int = Field(description="Unread messages across every thread, for this reader.")
    threads: list[ThreadSummary]


class ThreadRead(BaseModel):
    """A thread and all its messages, oldest first."""

    model_config = ConfigDict(frozen=True)

    id: int
    subject: str
    started_by: str
    created_at: datetime
    unread: int
    messages: list[MessageOut]
