"""When a person's weekly review falls due: pure date arithmetic, no database."""

from __future__ import annotations

import datetime as dt

from backcare.adaptation.service import REVIEW_INTERVAL
from backcare.jobs.repository import ReviewClock


def week_due(clock: ReviewClock, today: dt.date) -> dt.date | None:
    """The last day of the week to review now, or None when no full week has passed.

    Weeks count from the latest of the plan's start, the last scheduled review and the last
    weekly change made by hand. A scheduler that was off for weeks reviews only the latest
    whole week: reviewing each missed week would judge old weeks on today's plan.
    """
    anchors = [clock.plan_started.date()]
    anchors += [day for day in (clock.last_run, clock.last_weekly_change) if day is not None]
    anchor = max(anchors)
    weeks = (today - anchor).days // REVIEW_INTERVAL.days
    if weeks < 1:
        return None
    return anchor + weeks * REVIEW_INTERVAL
