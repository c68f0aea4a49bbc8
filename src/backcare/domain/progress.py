"""Progress in numbers: pain trend, change against the clinically important thresholds,
adherence per week, streaks, and a one-line terminal chart. Pure: today is passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backcare.domain.adherence import Schedule, Tally, Timeline, sessions_done, sessions_planned
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.tracking import History

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


@dataclass(frozen=True, slots=True)
class ImportantChange:
    """What counts as an important change in pain, from the knowledge (OSTELO-2008).

    Better: a fall of ``points`` (2) or of ``share`` (30%) of the starting value. Worse: a rise
    of ``points``, or of ``share`` when that is at least ``floor`` (1 point), since 30% of a
    low score is smaller than the day-to-day wobble.
    """

    points: float
    share: float
    floor: float

    @classmethod
    def of(cls, thresholds: Thresholds) -> ImportantChange:
        return cls(
            thresholds.pain_important_points.value,
            thresholds.pain_important_share.value,
            thresholds.worsening_share_floor_points.value,
        )

    def improved(self, before: float, after: float) -> bool:
        """Pain fell by at least ``points`` or by at least ``share`` of ``before``."""
        drop = before - after
        return drop >= self.points or (before > 0 and drop / before >= self.share)

    def worsened(self, before: float, after: float) -> bool:
        """Pain rose by ``points``, or by ``share`` of ``before`` and at least ``floor``."""
        rise = after - before
        if rise >= self.points:
            return True
        return before > 0 and rise >= self.floor and rise / before >= self.share

    def words(self) -> str:
        """The rule in plain words, with its source."""
        return (
            f"A change counts as important at {self.points:g} points or {self.share:.0%} of "
            "where it started (OSTELO-2008)."
        )


def nprs_change(baseline: float, latest: float, rule: ImportantChange) -> MeasureChange:
    """Pain change against the NPRS thresholds (2 points or 30%)."""
    return MeasureChange(baseline, latest, baseline - latest, rule.improved(baseline, latest))


def peg_change(history: History, share: float) -> MeasureChange | None:
    """First against latest PEG score; a fall of ``share`` is meaningful (None with fewer
    than two)."""
    if len(history.peg) < 2:
        return None
    first, last = history.peg[0].mean, history.peg[-1].mean
    drop = first - last
    return MeasureChange(first, last, drop, first > 0 and drop / first >= share)


def psfs_change(history: History, points: float) -> MeasureChange | None:
    """First against latest PSFS average; a rise of ``points`` is meaningful (higher is
    better)."""
    if len(history.psfs) < 2:
        return None
    first, last = history.psfs[0].mean, history.psfs[-1].mean
    return MeasureChange(first, last, last - first, last - first >= points)


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


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    """Exercise sessions done and planned in one ISO week."""

    week: date
    sessions: Tally

    @property
    def done(self) -> int:
        return self.sessions.done

    @property
    def planned(self) -> int:
        return self.sessions.planned

    @property
    def rate(self) -> float | None:
        return self.sessions.rate


def adherence_by_week(
    history: History, schedule: Schedule | Timeline, *, start: date, today: date
) -> tuple[WeekAdherence, ...]:
    """Exercise sessions per ISO week from ``start`` to ``today``; part weeks count their days.

    With a ``Timeline`` each day is planned by the plan version in force that day.
    """
    timeline = schedule if isinstance(schedule, Timeline) else Timeline.of(schedule)
    out = []
    for monday in _mondays(start, today):
        first, last = max(monday, start), min(monday + timedelta(days=6), today)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        planned = sum(sessions_planned(timeline.on(day), day, day) for day in days)
        tally = Tally(sessions_done(history, timeline.on(last), first, last), planned)
        out.append(WeekAdherence(monday, tally))
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
    schedule: Schedule | Timeline,
    thresholds: Thresholds,
    start: date,
    today: date,
) -> ProgressReport:
    """Trend, change against baseline (last 7 days' mean), adherence, streaks and a chart."""
    trend = pain_trend(history, today)
    recent, _ = mean_pain(history, today - timedelta(days=WINDOW_DAYS - 1), today)
    rule = ImportantChange.of(thresholds)
    return ProgressReport(
        pain_trend=trend,
        pain_change=None if recent is None else nprs_change(baseline_pain, recent, rule),
        peg_change=peg_change(history, thresholds.peg_important_share.value),
        psfs_change=psfs_change(history, thresholds.psfs_important_points.value),
        adherence=adherence_by_week(history, schedule, start=start, today=today),
        streaks=streaks(history, today),
        chart=sparkline([week.mean for week in trend]),
    )
