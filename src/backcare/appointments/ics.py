"""Appointments as iCalendar (RFC 5545) events, made with the icalendar library.

Each appointment has one UID for life (made when it is proposed), so a calendar app that
imports a later download updates the event instead of adding a second one; SEQUENCE rises with
every change, and a cancelled appointment is sent with STATUS:CANCELLED so the app removes it.
Times are stored in UTC and written in the person's time zone, with its VTIMEZONE.

The download (the person or their team, signed in) names the clinician, the place or the video
link. The calendar feed is often shared or synced elsewhere, so its appointment events say only
"Backcare appointment", like the reminders beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from backcare.domain.appointment_flow import AppointmentStatus, Mode

PRODUCT = "-//Backcare//Appointments 1//EN"
MEDIA_TYPE = "text/calendar; charset=utf-8"
FEED_SUMMARY = "Backcare appointment"
FEED_DESCRIPTION = "Open Backcare to see where and with whom."


@dataclass(frozen=True, slots=True)
class Booked:
    """What one event is made from."""

    uid: str
    sequence: int
    status: AppointmentStatus
    starts_at: dt.datetime
    ends_at: dt.datetime
    created_at: dt.datetime
    updated_at: dt.datetime
    clinician: str
    profession: str | None
    mode: Mode
    place: str | None
    video_url: str | None


def event(booked: Booked, *, zone: str, stamp: dt.datetime, detail: bool) -> Event:
    """One VEVENT; ``detail`` False leaves out who, where and the link (for the feed)."""
    tz = ZoneInfo(zone)
    found = Event()
    found.add("uid", f"{booked.uid}@backcare")
    found.add("dtstamp", stamp.astimezone(dt.UTC))
    found.add("created", booked.created_at.astimezone(dt.UTC))
    found.add("last-modified", booked.updated_at.astimezone(dt.UTC))
    found.add("dtstart", booked.starts_at.astimezone(tz))
    found.add("dtend", booked.ends_at.astimezone(tz))
    found.add("sequence", booked.sequence)
    cancelled = booked.status is AppointmentStatus.CANCELLED
    found.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not detail:
        found.add("summary", FEED_SUMMARY)
        found.add("description", FEED_DESCRIPTION)
        return found
    who = booked.clinician
    if booked.profession:
        who = f"{who} ({booked.profession.replace('_', ' ')})"
    found.add("summary", f"Backcare: appointment with {who}")
    if booked.mode is Mode.VIDEO and booked.video_url:
        found.add("location", "Video call")
        found.add("url", booked.video_url)
        found.add("description", f"By video: {booked.video_url}")
    elif booked.place:
        found.add("location", booked.place)
        found.add("description", f"In person at {booked.place}")
    return found


def calendar(events: list[Event], *, zone: str) -> bytes:
    """A calendar of the events, with the VTIMEZONE the times use."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    for found in events:
        cal.add_component(found)
    if zone != "UTC":
        cal.add_missing_timezones()
    return bytes(cal.to_ical())
