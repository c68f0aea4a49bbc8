"""The whole course at a glance: baselines, a robust pain trend, flare-ups and severe days.

A week is judged against where the person started (the episode's first assessment) and where
the current plan version started, not only against last week: pain falling a point a week never
changes by 2 points from one week to the next, yet halves in three weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.progress import ImportantChange
from backcare.domain.tracking import CheckInRecord, History

WEEK_DAYS = 7


@dataclass(frozen=True, slots=True)
class Baseline:
    """A starting point: its pain score, and the day it was measured (None when unknown)."""

    pain: float
    since: date | None = None


@dataclass(frozen=True, slots=True)
class Baselines:
    """Where the episode started (first assessment) and where the current plan version did."""

    episode: Baseline
    plan: Baseline

    @classmethod
    def at_start(cls, pain: float, since: date | None = None) -> Baselines:
        """A plan that is still the one the assessment made: both baselines are its pain."""
        start = Baseline(pain, since)
        return cls(start, start)


def theil_sen(
    points: Sequence[tuple[float, float]], *, min_gap: float = 1
) -> tuple[float, float] | None:
    """Slope and intercept of the Theil-Sen line (SEN-1968); None without a pair far enough apart.

    The slope is the median of the slopes between every pair of points at least ``min_gap``
    apart on x, and the intercept the median of y - slope * x: one bad day moves neither much,
    where a least-squares line follows it.
    """
    slopes = [
        (y2 - y1) / (x2 - x1)
        for index, (x1, y1) in enumerate(points)
        for x2, y2 in points[index + 1 :]
        if abs(x2 - x1) >= min_gap
    ]
    if not slopes:
        return None
    slope = median(slopes)
    return slope, median(y - slope * x for x, y in points)


@dataclass(frozen=True, slots=True)
class Trend:
    """The robust pain line over the trend window: where it started and where it is today."""

    start: float
    end: float
    days: int
    """Days from the first reading in the window to today."""
    readings: int

    @property
    def per_week(self) -> float:
        """Points per week (negative is falling)."""
        return (self.end - self.start) / self.days * WEEK_DAYS if self.days else 0.0

    def rising(self, rule: ImportantChange) -> bool:
        """The line climbed by an important amount over the window."""
        return rule.worsened(self.start, self.end)

    def falling(self, rule: ImportantChange) -> bool:
        """The line fell by an important amount over the window."""
        return rule.improved(self.start, self.end)


def pain_trend_line(history: History, today: date, thresholds: Thresholds) -> Trend | None:
    """The trend of the last ``trend_days`` days; None on too few or too close readings."""
    first = today - timedelta(days=thresholds.trend_days.value - 1)
    readings = history.checkins_between(first, today)
    if len(readings) < thresholds.trend_min_readings.value:
        return None
    span = (today - readings[0].day).days
    if (readings[-1].day - readings[0].day).days < thresholds.trend_min_span_days.value:
        return None
    # Pairs at least a week apart: pain scores are whole numbers, and neighbouring days are so
    # often equal that their zero slopes would pull the median to "level" on a steady fall.
    points = [((c.day - today).days, c.pain_now) for c in readings]
    fitted = theil_sen(points, min_gap=WEEK_DAYS)
    if fitted is None:
        return None
    slope, today_value = fitted
    start = today_value - slope * span
    return Trend(_score(start), _score(today_value), span, len(readings))


def _score(value: float) -> float:
    """A fitted value kept on the 0-10 scale."""
    return min(max(value, 0.0), 10.0)


def flare_starts(history: History, last: date, thresholds: Thresholds) -> tuple[date, ...]:
    """The first days of separate flare-ups up to ``last``, oldest first.

    A flare-up check-in within ``flare_days`` of the one before continues the same flare (the
    relief plan runs that long after the latest flare-up day), so it starts none.
    """
    gap = thresholds.flare_days.value
    starts: list[date] = []
    previous: date | None = None
    for checkin in history.checkins:
        if checkin.day > last:
            break
        if not checkin.flare_up:
            continue
        if previous is None or (checkin.day - previous).days > gap:
            starts.append(checkin.day)
        previous = checkin.day
    return tuple(starts)


def recent_flares(history: History, today: date, thresholds: Thresholds) -> tuple[date, ...]:
    """Flare-ups that started in the ``recurrent_flare_days`` days ending today."""
    first = today - timedelta(days=thresholds.recurrent_flare_days.value - 1)
    return tuple(day for day in flare_starts(history, today, thresholds) if day >= first)


def severe_days(
    checkins: Sequence[CheckInRecord], last: date, thresholds: Thresholds
) -> frozenset[date]:
    """Days in the high-pain window ending ``last`` with a check-in at the high-pain level."""
    first = last - timedelta(days=thresholds.high_pain_window_days.value - 1)
    level = thresholds.high_pain_level.value
    return frozenset(c.day for c in checkins if first <= c.day <= last and c.pain_now >= level)


def severe_pain_reached(
    history: History, checkin: CheckInRecord, thresholds: Thresholds
) -> frozenset[date] | None:
    """The severe days, when this check-in is the one that makes them enough; else None.

    Only the crossing counts, so one run of severe days raises one alert, not one a day.
    """
    if checkin.pain_now < thresholds.high_pain_level.value:
        return None
    others = [c for c in history.checkins if c != checkin]
    before = severe_days(others, checkin.day, thresholds)
    if checkin.day in before or len(before) != thresholds.high_pain_days.value - 1:
        return None
    return before | {checkin.day}
