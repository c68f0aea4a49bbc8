"""What the weekly review reads from the history: this week's pain against last week's (or the
intake), adherence, warnings and flare-ups. Weeks are the 7 days ending today, not ISO weeks,
so a review on any weekday sees a full week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backcare.domain.adapt.rules import (
    MIN_READINGS,
    PROGRESS_ADHERENCE,
    REFER_AFTER_WEEKS,
    SETTLED_PAIN,
)
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.domain.progress import (
    WINDOW_DAYS,
    adherence,
    mean_pain,
    pain_improved,
    pain_worsened,
    peg_change,
    planned_between,
    psfs_change,
)
from backcare.domain.tracking import History


def week_ending(today: date, weeks_back: int = 0) -> tuple[date, date]:
    """First and last day of the 7-day week ending ``weeks_back`` weeks before today."""
    last = today - timedelta(days=WINDOW_DAYS * weeks_back)
    return last - timedelta(days=WINDOW_DAYS - 1), last


@dataclass(frozen=True, slots=True)
class Signals:
    """This week at a glance, for the rules."""

    readings: int
    pain: float | None
    """Mean pain this week (None without check-ins)."""
    reference: float
    """Mean pain the week before, or the intake score when that week has too few check-ins."""
    against_last_week: bool
    adherence: float | None
    warnings: frozenset[str]
    flare: bool

    @property
    def enough(self) -> bool:
        return self.readings >= MIN_READINGS and self.pain is not None

    @property
    def improved(self) -> bool:
        """Pain fell by an important amount, or is settled at a low level and not rising."""
        if self.pain is None:
            return False
        settled = self.pain <= SETTLED_PAIN and self.pain <= self.reference
        return pain_improved(self.reference, self.pain) or settled

    @property
    def worsened(self) -> bool:
        return self.pain is not None and pain_worsened(self.reference, self.pain)


def read_signals(intake: Intake, plan: Plan, history: History, today: date) -> Signals:
    """The signals of the 7 days ending today."""
    first, last = week_ending(today)
    this_week = history.checkins_between(first, last)
    pain, readings = mean_pain(history, first, last)
    before, before_readings = mean_pain(history, *week_ending(today, 1))
    against_last_week = before is not None and before_readings >= MIN_READINGS
    return Signals(
        readings=readings,
        pain=pain,
        reference=before if before is not None and against_last_week else intake.pain_now,
        against_last_week=against_last_week,
        adherence=week_adherence(plan, history, first, last),
        warnings=frozenset(code for c in this_week for code in c.warnings),
        flare=any(c.flare_up for c in this_week),
    )


def week_adherence(plan: Plan, history: History, first: date, last: date) -> float | None:
    """Sessions done over planned session days in the plan's timetable, capped at 100%."""
    return adherence(history.sessions_between(first, last), planned_between(plan.week, first, last))


def adherent_weeks(plan: Plan, history: History, today: date) -> bool:
    """Adherence of at least 70% in each of the last six weeks."""
    # The current timetable stands in for earlier plan versions: the history does not say
    # which version was current, and a review only changes a plan one step at a time.
    for weeks_back in range(REFER_AFTER_WEEKS):
        rate = week_adherence(plan, history, *week_ending(today, weeks_back))
        if rate is None or rate < PROGRESS_ADHERENCE:
            return False
    return True


def changed_since_start(intake: Intake, history: History, pain: float) -> bool:
    """An important change on any measure: NPRS against the intake, PEG or PSFS."""
    if pain_improved(intake.pain_now, pain) or pain <= SETTLED_PAIN:
        return True
    peg, psfs = peg_change(history), psfs_change(history)
    return bool((peg and peg.meaningful) or (psfs and psfs.meaningful))
