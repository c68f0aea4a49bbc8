"""An alert's state as the person and the team see it, and the two steps that change it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backcare.domain.text import Text
from backcare.tracking.vocabulary import AlertKind

NOTE_MAX = 500


class AlertStatus(StrEnum):
    """open → acknowledged → resolved; nothing else."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Acknowledge(BaseModel):
    """A clinician has seen the alert and is looking into it."""

    model_config = ConfigDict(extra="forbid")

    note: Text = Field(default="", max_length=NOTE_MAX, description="Optional, for the team.")


class Resolve(BaseModel):
    """The alert is dealt with; the reason says how."""

    model_config = ConfigDict(extra="forbid")

    reason: Text = Field(min_length=3, max_length=NOTE_MAX)


class AlertState(BaseModel):
    """One alert and where it stands."""

    model_config = ConfigDict(frozen=True)

    id: int
    kind: AlertKind
    summary: str
    detail: dict[str, Any]
    created_at: dt.datetime
    status: AlertStatus
    acknowledged_by: str | None
    acknowledged_at: dt.datetime | None
    acknowledge_note: str | None
    resolved_by: str | None
    resolved_at: dt.datetime | None
    resolve_reason: str | None
