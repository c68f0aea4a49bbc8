"""What the appointment API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from backcare.appointments.models import PLACE_LENGTH, URL_LENGTH
from backcare.domain.appointment_flow import MAX_TIMES, AppointmentStatus, Mode
from backcare.domain.text import Line, Text


def https_only(value: str) -> str:
    """A video link: https, a host, no user name or password in it, no spaces."""
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("give the video link as an https:// address")
    if parts.username or parts.password or any(ch.isspace() for ch in value):
        raise ValueError("give the video link without a user name, password or spaces")
    return value


VideoUrl = Annotated[Line, Field(min_length=12, max_length=URL_LENGTH), AfterValidator(https_only)]
Note = Annotated[Text, Field(min_length=1, max_length=2_000)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class TimeIn(Input):
    """One time offered: when it starts and ends, each with its offset from UTC."""

    starts_at: dt.datetime
    ends_at: dt.datetime


class AppointmentPropose(Input):
    """A clinician offers one or more times, in person (a place) or by video (an https link)."""

    times: list[TimeIn] = Field(min_length=1, max_length=MAX_TIMES)
    mode: Mode
    place: Annotated[Line, Field(min_length=1, max_length=PLACE_LENGTH)] | None = None
    video_url: VideoUrl | None = None
    note: Note | None = None
    referral_id: int | None = Field(
        default=None, ge=1, le=2**53, description="The accepted referral this appointment books."
    )

    @model_validator(mode="after")
    def _place_or_link(self) -> AppointmentPropose:
        if self.mode is Mode.IN_PERSON and (self.place is None or self.video_url is not None):
            raise ValueError("place: an appointment in person needs a place and no video link")
        if self.mode is Mode.VIDEO and self.video_url is None:
            raise ValueError("video_url: a video appointment needs its https:// link")
        return self


class AppointmentAccept(Input):
    """The person's choice among the proposed times."""

    time_id: int = Field(ge=1, le=2**53)


class AppointmentDecline(Input):
    """The person declines every proposed time."""

    note: Note | None = None


class AppointmentCancel(Input):
    """Either side cancels."""

    reason: Note | None = None


class TimeRead(BaseModel):
    """One offered time, in UTC and in the person's time zone."""

    model_config = ConfigDict(frozen=True)

    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    local_starts_at: dt.datetime = Field(description="The start in the person's time zone.")
    local_ends_at: dt.datetime
    chosen: bool


class AppointmentRead(BaseModel):
    """An appointment as the person and their team see it."""

    model_config = ConfigDict(frozen=True)

    id: int
    uid: str = Field(description="The iCalendar UID: the same in every download.")
    status: AppointmentStatus
    clinician: str
    profession: str | None
    mode: Mode
    place: str | None
    video_url: str | None
    note: str | None
    referral_id: int | None
    sequence: int = Field(description="The iCalendar SEQUENCE: raised by every change.")
    time_zone: str = Field(description="The person's time zone (UTC when they set none).")
    times: list[TimeRead]
    answered_by: str | None
    cancelled_by: str | None
    cancel_reason: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
