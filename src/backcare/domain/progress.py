"""Progress in numbers: pain trend, change against the clinically important thresholds,
adherence per week, streaks, and a one-line terminal chart. Pure: today is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backcare.domain.plan_model import DAYS
from backcare.domain.tracking import History

NPRS_MCID_POINTS = 2.0
"""A 2-point fall on the 0-10 pain scale is the smallest change people notice (OSTELO-2008)."""
MCID_RATIO = 0.30
"""A 30% change from baseline is important on every measure (OSTELO-2008); PEG borrows it
by convention, as no PEG-specific threshold exists (KREBS-2009)."""
PSFS_MCID_POINTS = 2.0
"""A 2-point rise in the PSFS average is the often quoted threshold (STRATFORD-1995);
ABBOTT-2014 puts a medium change at 2.3, so 2 leans towards noticing change."""
WINDOW_DAYS = 7
"""Pain is judged on the mean of a week, as one day's score swings with sleep and activity."""
SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class MeasureChange:
    """How far a measure moved from its baseline, and whether that clears the threshold."""

    baseline: float
    latest: float
    better: float
    """Points of improvement (positive is better, whichever way the scale runs)."""
    meaningful: bool

    @property
    def percent(self) -> float | None:
        """Improvement as a share of the baseline (None when the baseline is zero)."""
        return self.better / self.baseline if self.baseline else None


def pain_improved(before: float, after: float) -> bool:
    """Pain fell by at least 2 points or by at least 30% (OSTELO-2008)."""
    drop = before - after
    return drop >= NPRS_MCID_POINTS or (before > 0 and drop / before >= MCID_RATIO)


def pain_worsened(before: float, after: float) -> bool:
    """Pain rose by at least 2 points: the same threshold, the other way."""
    return after - before >= NPRS_MCID_POINTS


def nprs_change(baseline: float, latest: float) -> MeasureChange:
    """Pain change against the NPRS thresholds (2 points or 30%)."""
    return MeasureChange(baseline, latest, baseline - latest, pain_improved(baseline, latest))


def peg_change(history: History) -> MeasureChange | None:
    """First against latest PEG score; a 30% fall is meaningful (None with fewer than two)."""
    if len(history.peg) < 2:
        return None
    first, last = history.peg[0].mean, history.peg[-1].mean
    drop = first - last
    return MeasureChange(first, last, drop, first > 0 and drop / first >= MCID_RATIO)


def psfs_change(history: History) -> MeasureChange | None:
    """First against latest PSFS average; a 2-point rise is meaningful (higher is better)."""
    if len(history.psfs) < 2:
        return None
    first, last = history.psfs[0].mean, history.psfs[-1].mean
    return MeasureChange(first, last, last - first, last - first >= PSFS_MCID_POINTS)


def mean_pain(history: History, first: date, last: date) -> tuple[float | None, int]:
    """Mean check-in pain from ``first`` to ``last`` and how many readings it rests on."""
    readings = [c.pain_now for c in history.checkins_between(first, last)]
    return (sum(readings) / len(readings) if readings else None), len(readings)


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekPain:
    week: date
    mean: float | None
    readings: int


def pain_trend(history: History, today: date) -> tuple[WeekPain, ...]:
    """Mean pain per ISO week, from the first check-in's week to this week."""
    if not history.checkins:
        return ()
    out = []
    for monday in _mondays(history.checkins[0].day, today):
        mean, readings = mean_pain(history, monday, monday + timedelta(days=6))
        out.append(WeekPain(monday, mean, readings))
    return tuple(out)


def _mondays(first: date, last: date) -> list[date]:
    start, end = week_start(first), week_start(last)
    return [start + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]


def planned_between(week: Mapping[str, Sequence[str]], first: date, last: date) -> int:
    """Planned session days from ``first`` to ``last``: days whose timetable has items."""
    days = max((last - first).days + 1, 0)
    dates = (first + timedelta(days=n) for n in range(days))
    return sum(1 for day in dates if week.get(DAYS[day.weekday()]))


def adherence(done: int, planned: int) -> float | None:
    """Sessions done over sessions planned, capped at 100% (None when nothing was planned)."""
    # Extra sessions one week do not make up for a missed week, so the share stops at 1.
    return min(done / planned, 1.0) if planned else None


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    week: date
    done: int
    planned: int

    @property
    def rate(self) -> float | None:
        return adherence(self.done, self.planned)


def adherence_by_week(
    history: History, plan_week: Mapping[str, Sequence[str]], *, start: date, today: date
) -> tuple[WeekAdherence, ...]:
    """Adherence per ISO week from ``start`` to ``today``; part weeks count only their days."""
    out = []
    for monday in _mondays(start, today):
        first, last = max(monday, start), min(monday + timedelta(days=6), today)
        done = history.sessions_between(first, last)
        out.append(WeekAdherence(monday, done, planned_between(plan_week, first, last)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int
    longest: int


def streaks(history: History, today: date) -> Streaks:
    """Days in a row with a session: the run still going, and the longest ever."""
    # The current run may end yesterday, since today is not over when someone looks.
    days = [day for day in history.active_days if day <= today]
    longest = run = 0
    for index, day in enumerate(days):
        run = run + 1 if index and (day - days[index - 1]).days == 1 else 1
        longest = max(longest, run)
    alive = bool(days) and (today - days[-1]).days <= 1
    return Streaks(run if alive else 0, longest)


def sparkline(values: Sequence[float | None], *, low: float = 0, high: float = 10) -> str:
    """A one-line chart of values on a fixed scale; a gap for a missing value."""
    span = (high - low) or 1.0
    out = []
    for value in values:
        if value is None:
            out.append(" ")
            continue
        share = min(max((value - low) / span, 0.0), 1.0)
        out.append(SPARK[round(share * (len(SPARK) - 1))])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Everything the progress screen shows, computed in one pass."""

    pain_trend: tuple[WeekPain, ...]
    pain_change: MeasureChange | None
    peg_change: MeasureChange | None
    psfs_change: MeasureChange | None
    adherence: tuple[WeekAdherence, ...]
    streaks: Streaks
    chart: str


def progress_report(
    *,
    baseline_pain: int,
    history: History,
    plan_week: Mapping[str, Sequence[str]],
    start: date,
    today: date,
) -> ProgressReport:
    """Trend, change against baseline (last 7 days' mean), adherence, streaks and a chart."""
    trend = pain_trend(history, today)
    recent, _ = mean_pain(history, today - timedelta(days=WINDOW_DAYS - 1), today)
    return ProgressReport(
        pain_trend=trend,
        pain_change=None if recent is None else nprs_change(baseline_pain, recent),
        peg_change=peg_change(history),
        psfs_change=psfs_change(history),
        adherence=adherence_by_week(history, plan_week, start=start, today=today),
        streaks=streaks(history, today),
        chart=sparkline([week.mean for week in trend]),
    )
