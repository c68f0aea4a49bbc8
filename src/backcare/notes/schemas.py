"""What goes into and comes out of clinical notes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backcare.domain.text import Text
from backcare.notes.vocabulary import NoteKind, Visibility

BODY_MAX = 20_000
Body = Annotated[Text, Field(min_length=1, max_length=BODY_MAX)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class NoteCreate(Input):
    """A new note; ``sign`` signs it at once (then it can only be amended by an addendum)."""

    kind: NoteKind
    visibility: Visibility
    body: Body
    sign: bool = False


class NoteUpdate(Input):
    """A change to a draft note (what is not given stays); a signed note refuses it (409)."""

    kind: NoteKind | None = None
    visibility: Visibility | None = None
    body: Body | None = None


class AddendumCreate(Input):
    """Text added to a signed note, signed as it is written."""

    body: Body


class AddendumRead(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    author_name: str
    profession: str | None
    body: str
    created_at: datetime


class NoteRead(BaseModel):
    """A note as its reader may see it, with its addenda, oldest first."""

    model_config = ConfigDict(frozen=True)

    id: int
    kind: NoteKind
    visibility: Visibility
    author_name: str
    profession: str | None
    body: str
    created_at: datetime
    updated_at: datetime
    signed_at: datetime | None
    addenda: list[AddendumRead]
