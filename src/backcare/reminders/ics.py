"""The reminders as iCalendar (RFC 5545): one weekly event per chosen day, with an alarm.

The events say only "Backcare: today's exercises (about N min)": no condition, no pain, no
link naming the record, since a calendar is often shared or synced to other services. A day
on which the plan has nothing timetabled (a safety plan has no exercises) gets no event. Each
event's UID is the feed's id and the weekday, so a calendar app updates an event when the
plan's minutes change instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from backcare.domain.plan_model import DAYS

PRODUCT = "-//Backcare//Reminders 1//EN"
CALENDAR_NAME = "Backcare reminders"
DESCRIPTION = "Time for today's Backcare session. Open Backcare to start it."
MEDIA_TYPE = "text/calendar; charset=utf-8"
_BYDAY = {day: day[:2].upper() for day in DAYS}


@dataclass(frozen=True, slots=True)
class Reminders:
    """What the calendar is made from; nothing in it is health detail but the minutes."""

    uid_prefix: str
    """The feed's id (or the download's): with the day, each event's stable UID."""
    days: tuple[str, ...]
    minute: int
    time_zone: str
    starts_from: dt.date
    """The first week the events begin in (the feed's creation day): fixed, so repeated
    fetches give the same events."""


def minutes_by_day(plan: Mapping[str, object]) -> dict[str, int]:
    """The plan's minutes on each day, rounded (0: nothing timetabled)."""
    totals = plan.get("total_minutes_per_day")
    if not isinstance(totals, Mapping):
        return {}
    return {day: round(float(totals.get(day, 0) or 0)) for day in DAYS}


def calendar(
    reminders: Reminders,
    minutes: Mapping[str, int],
    *,
    stamp: dt.datetime,
    appointments: Sequence[Event] = (),
) -> bytes:
    """The iCalendar document: a weekly event with an alarm for each chosen day of the plan,
    and the person's appointments (backcare.appointments.ics, without detail)."""
    zone = ZoneInfo(reminders.time_zone)
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", CALENDAR_NAME)
    cal.add("x-wr-timezone", reminders.time_zone)
    for day in reminders.days:
        length = minutes.get(day, 0)
        if length <= 0:
            continue
        cal.add_component(_event(reminders, day, length, zone, stamp))
    for appointment in appointments:
        cal.add_component(appointment)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _event(
    reminders: Reminders, day: str, length: int, zone: ZoneInfo, stamp: dt.datetime
) -> Event:
    summary = f"Backcare: today's exercises (about {length} min)"
    event = Event()
    event.add("uid", f"{reminders.uid_prefix}-{day}@backcare")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", _first(reminders, day, zone))
    event.add("duration", dt.timedelta(minutes=length))
    event.add("rrule", {"freq": "weekly", "byday": _BYDAY[day]})
    event.add("summary", summary)
    event.add("description", DESCRIPTION)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)
    return event


def _first(reminders: Reminders, day: str, zone: ZoneInfo) -> dt.datetime:
    """The first ``day`` on or after ``starts_from``, at the chosen time in the zone."""
    ahead = (DAYS.index(day) - reminders.starts_from.weekday()) % 7
    date = reminders.starts_from + dt.timedelta(days=ahead)
    hours, minutes = divmod(reminders.minute, 60)
    return dt.datetime.combine(date, dt.time(hours, minutes), tzinfo=zone)
