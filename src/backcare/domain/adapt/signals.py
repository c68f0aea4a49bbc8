"""What the weekly review reads from the history: this week's pain against the start of the
episode, the start of the current plan version and last week; the robust trend; adherence per
kind; warnings, flare-ups and severe days. Weeks are the 7 days ending today, not ISO weeks, so
a review on any weekday sees a full week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backcare.domain.adapt.course import Baselines, Trend, pain_trend_line, severe_days
from backcare.domain.adherence import Adherence, Schedule, adherence
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.progress import (
    WINDOW_DAYS,
    ImportantChange,
    mean_pain,
    peg_change,
    psfs_change,
)
from backcare.domain.tracking import History

EPISODE = "when you started"
PLAN = "when this plan began"
LAST_WEEK = "last week"


def week_ending(today: date, weeks_back: int = 0) -> tuple[date, date]:
    """First and last day of the 7-day week ending ``weeks_back`` weeks before today."""
    last = today - timedelta(days=WINDOW_DAYS * weeks_back)
    return last - timedelta(days=WINDOW_DAYS - 1), last


@dataclass(frozen=True, slots=True)
class Signals:
    """One week at a glance, for the rules."""

    thresholds: Thresholds
    readings: int
    pain: float | None
    """Mean pain this week (None without check-ins)."""
    last_week: float | None
    """Mean pain the week before, when it has enough check-ins to judge."""
    baselines: Baselines
    trend: Trend | None
    adherence: Adherence
    warnings: frozenset[str]
    flare: bool
    severe: int
    """Days this week with pain at the high-pain level."""
    previous: Signals | None = None
    """The week before, read the same way (for the ladder of AR-009)."""

    @property
    def rule(self) -> ImportantChange:
        return ImportantChange.of(self.thresholds)

    @property
    def enough(self) -> bool:
        return self.readings >= self.thresholds.min_readings.value and self.pain is not None

    def references(self) -> list[tuple[str, float]]:
        """The points this week is compared with, each with its name."""
        out = [(EPISODE, self.baselines.episode.pain)]
        if self.baselines.plan != self.baselines.episode:
            out.append((PLAN, self.baselines.plan.pain))
        if self.last_week is not None:
            out.append((LAST_WEEK, self.last_week))
        return out

    def worse_than(self) -> list[tuple[str, float]]:
        """The references this week's pain is importantly worse than."""
        if not self.enough or self.pain is None:
            return []
        pain, rule = self.pain, self.rule
        return [(name, value) for name, value in self.references() if rule.worsened(value, pain)]

    def better_than(self) -> list[tuple[str, float]]:
        """The baselines (episode, plan) this week's pain is importantly better than."""
        if not self.enough or self.pain is None:
            return []
        pain, rule = self.pain, self.rule
        baselines = [(n, v) for n, v in self.references() if n != LAST_WEEK]
        return [(name, value) for name, value in baselines if rule.improved(value, pain)]

    @property
    def worsened(self) -> bool:
        """Importantly worse than where the episode or the plan started, or than last week."""
        return bool(self.worse_than())

    @property
    def rising(self) -> bool:
        """The robust trend climbed by an important amount over the trend window."""
        return self.enough and self.trend is not None and self.trend.rising(self.rule)

    @property
    def worse(self) -> bool:
        """Worse in either sense: importantly worse now, or rising."""
        return self.worsened or self.rising

    @property
    def settled(self) -> bool:
        """Pain so low (1/10 or less) that it cannot fall by 2 points: doing well."""
        return self.pain is not None and self.pain <= self.thresholds.settled_pain.value

    @property
    def improved(self) -> bool:
        """Importantly better than a baseline (or settled), and nothing says otherwise."""
        if not self.enough or self.worse:
            return False
        if self.severe >= self.thresholds.high_pain_days.value:
            return False
        return bool(self.better_than()) or self.settled

    @property
    def worse_twice(self) -> bool:
        """Worse this week and at the review a week ago."""
        return self.worse and self.previous is not None and self.previous.worse


def read_signals(
    plan_schedule: Schedule,
    history: History,
    today: date,
    *,
    baselines: Baselines,
    thresholds: Thresholds,
    with_previous: bool = True,
) -> Signals:
    """The signals of the 7 days ending today (and, for the ladder, of the week before)."""
    first, last = week_ending(today)
    this_week = history.checkins_between(first, last)
    pain, readings = mean_pain(history, first, last)
    before, before_readings = mean_pain(history, *week_ending(today, 1))
    enough_before = before_readings >= thresholds.min_readings.value
    previous = None
    if with_previous:
        previous = read_signals(
            plan_schedule,
            history,
            today - timedelta(days=WINDOW_DAYS),
            baselines=baselines,
            thresholds=thresholds,
            with_previous=False,
        )
    return Signals(
        thresholds=thresholds,
        readings=readings,
        pain=pain,
        last_week=before if enough_before else None,
        baselines=baselines,
        trend=pain_trend_line(history, today, thresholds),
        adherence=adherence(history, plan_schedule, first, last),
        warnings=frozenset(code for c in this_week for code in c.warnings),
        flare=any(c.flare_up for c in this_week),
        severe=len(severe_days(this_week, last, thresholds)),
        previous=previous,
    )


def adherent_weeks(schedule: Schedule, history: History, today: date, t: Thresholds) -> bool:
    """Exercise-session adherence at the progress level in each of the last six weeks."""
    # The current timetable stands in for earlier plan versions: the history does not say
    # which version was current, and a review only changes a plan one step at a time.
    for weeks_back in range(t.refer_after_weeks.value):
        rate = adherence(history, schedule, *week_ending(today, weeks_back)).rate
        if rate is None or rate < t.progress_adherence.value:
            return False
    return True


def changed_since_start(signals: Signals, history: History) -> bool:
    """An important change on any measure: NPRS against the episode's start, PEG or PSFS."""
    if signals.pain is None:
        return False
    t = signals.thresholds
    if signals.rule.improved(signals.baselines.episode.pain, signals.pain) or signals.settled:
        return True
    peg = peg_change(history, t.peg_important_share.value)
    psfs = psfs_change(history, t.psfs_important_points.value)
    return bool((peg and peg.meaningful) or (psfs and psfs.meaningful))
