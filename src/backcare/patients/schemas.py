"""What goes into and comes out of the patients package."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from backcare.domain.intake import Preferences
from backcare.domain.text import Line


class PatientCreate(BaseModel):
    """A new patient: a name to show and their programme preferences."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    display_name: Line = Field(min_length=1, max_length=200, description="Name shown in lists.")
    preferences: Preferences = Field(default_factory=Preferences)


class PatientRead(BaseModel):
    """A stored patient."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: str
    display_name: str
    created_at: datetime
    preferences: Preferences


class PatientListed(BaseModel):
    """A patient in a list: the preferences only for a reader of the whole record."""

    model_config = ConfigDict(frozen=True)

    id: str
    display_name: str
    created_at: datetime
    preferences: Preferences | None = Field(
        description="The programme preferences the person gave; null when they share only "
        "their plan and progress with you."
    )
