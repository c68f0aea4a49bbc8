"""What a person is told when their check-in is stored: saved, or updated (one a day)."""

from __future__ import annotations

import datetime as dt

from backcare.domain.adapt.outcome import long_date
from backcare.tracking.schemas import CheckInSaved


def saved_words(checkin: CheckInSaved, today: dt.date) -> str:
    """'Saved today's check-in.', or 'Updated today's check-in. ...' when it replaced one."""
    day = (
        "today's check-in"
        if checkin.date == today
        else f"your check-in of {long_date(checkin.date)}"
    )
    if not checkin.replaced:
        return f"Saved {day}."
    kept = " Every warning sign you gave that day stays recorded." if checkin.warnings else ""
    return (
        f"Updated {day}. It replaces the one you made earlier that day, so the day counts once."
        + kept
    )
