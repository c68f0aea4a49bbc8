"""Progress metrics: thresholds, weekly trends, adherence, streaks and the terminal chart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backcare.domain.adherence import Schedule, Tally, Timeline
from backcare.domain.plan_model import DAYS
from backcare.domain.progress import (
    ImportantChange,
    adherence_by_week,
    nprs_change,
    pain_trend,
    peg_change,
    progress_report,
    psfs_change,
    sparkline,
    streaks,
)
from backcare.domain.tracking import CheckInRecord, History, PegRecord, PsfsRecord
from backcare.knowledge.loader import Knowledge

MON = date(2025, 3, 3)
EVERY_DAY = Schedule(frozenset(DAYS))
THREE_DAYS = Schedule(frozenset({"mon", "wed", "fri"}))
RULE = ImportantChange(points=2.0, share=0.3, floor=1.0)


def _daily(pains: list[int], start: date = MON, sessions: int = 1) -> History:
    return History(
        checkins=tuple(
            CheckInRecord(start + timedelta(days=n), pain, sessions) for n, pain in enumerate(pains)
        )
    )


def test_the_important_change_comes_from_the_knowledge(knowledge: Knowledge) -> None:
    assert ImportantChange.of(knowledge.thresholds) == RULE
    assert "2 points or 30%" in RULE.words()
    assert "(OSTELO-2008)" in RULE.words()


def test_a_two_point_fall_is_important_whatever_the_start() -> None:
    assert RULE.improved(9, 7)
    assert not RULE.improved(9, 7.5)


def test_a_thirty_percent_fall_is_important_under_two_points() -> None:
    assert RULE.improved(4, 2.8)
    assert not RULE.improved(4, 2.9)


def test_a_two_point_rise_is_worsening() -> None:
    assert RULE.worsened(7, 9)
    assert not RULE.worsened(7, 8.9)


@pytest.mark.parametrize(
    ("before", "after", "worse"),
    [(3, 4, True), (3, 3.8, False), (2, 2.9, False), (2, 3, True), (0, 1.9, False)],
)
def test_a_thirty_percent_rise_is_worsening_only_from_a_whole_point(
    before: float, after: float, worse: bool
) -> None:
    assert RULE.worsened(before, after) is worse


def test_nprs_change_reports_points_percent_and_meaning() -> None:
    change = nprs_change(6, 3, RULE)
    assert change.better == 3
    assert change.percent == 0.5
    assert change.meaningful
    assert nprs_change(0, 0, RULE).percent is None


def test_peg_needs_a_thirty_percent_fall() -> None:
    history = History(peg=(PegRecord(MON, 6, 6, 6), PegRecord(MON + timedelta(weeks=4), 5, 4, 3)))
    change = peg_change(history, 0.3)
    assert change is not None
    assert change.meaningful
    assert peg_change(History(peg=history.peg[:1]), 0.3) is None


def test_psfs_needs_a_two_point_rise_in_the_average() -> None:
    first = PsfsRecord(MON, (("gardening", 3), ("lifting", 5)))
    after = PsfsRecord(MON + timedelta(weeks=4), (("gardening", 5), ("lifting", 6)))
    change = psfs_change(History(psfs=(first, after)), 2.0)
    assert change is not None
    assert change.better == 1.5
    assert not change.meaningful


def test_pain_trend_gives_one_mean_per_iso_week_with_gaps() -> None:
    history = History(
        checkins=(
            CheckInRecord(MON, 6),
            CheckInRecord(MON + timedelta(days=1), 4),
            CheckInRecord(MON + timedelta(weeks=2), 2),
        )
    )
    trend = pain_trend(history, MON + timedelta(weeks=2, days=3))
    assert [(w.week, w.mean, w.readings) for w in trend] == [
        (MON, 5.0, 2),
        (MON + timedelta(weeks=1), None, 0),
        (MON + timedelta(weeks=2), 2.0, 1),
    ]


def test_adherence_is_capped_at_one_hundred_percent() -> None:
    assert Tally(9, 7).rate == 1.0
    assert Tally(3, 6).rate == 0.5
    assert Tally(3, 0).rate is None


def test_adherence_per_week_counts_only_planned_session_days_so_far() -> None:
    history = _daily([5] * 10, sessions=1)
    weeks = adherence_by_week(history, THREE_DAYS, start=MON, today=MON + timedelta(days=9))
    assert [(w.done, w.planned) for w in weeks] == [(7, 3), (3, 2)]
    assert [w.rate for w in weeks] == [1.0, 1.0]


def test_each_day_is_planned_by_the_plan_in_force_that_day() -> None:
    # Three weeks of sessions; a safety plan with no sessions replaced the plan on day 14.
    history = _daily([5] * 21, sessions=1)
    safety = Schedule(frozenset())
    timeline = Timeline(((MON, THREE_DAYS), (MON + timedelta(days=14), safety)))
    weeks = adherence_by_week(history, timeline, start=MON, today=MON + timedelta(days=20))
    assert [(w.done, w.planned) for w in weeks] == [(7, 3), (7, 3), (7, 0)]
    assert [w.rate for w in weeks] == [1.0, 1.0, None]
    # Counted against today's plan, the weeks done under the old one said "nothing planned".
    today_only = adherence_by_week(history, safety, start=MON, today=MON + timedelta(days=20))
    assert [w.rate for w in today_only] == [None, None, None]


def test_a_plan_change_mid_week_splits_the_week_by_day() -> None:
    timeline = Timeline(((MON, THREE_DAYS), (MON + timedelta(days=3), EVERY_DAY)))
    weeks = adherence_by_week(_daily([5] * 7), timeline, start=MON, today=MON + timedelta(days=6))
    assert weeks[0].planned == 2 + 4  # Mon and Wed, then Thu to Sun
    assert timeline.on(MON - timedelta(days=5)) == THREE_DAYS  # before the first: the first


def test_streaks_count_days_in_a_row_and_survive_until_the_day_ends() -> None:
    days = [0, 1, 2, 4, 5, 6, 7]
    history = History(checkins=tuple(CheckInRecord(MON + timedelta(days=d), 3, 1) for d in days))
    assert streaks(history, MON + timedelta(days=8)) == streaks(history, MON + timedelta(days=7))
    assert streaks(history, MON + timedelta(days=7)).current == 4
    assert streaks(history, MON + timedelta(days=7)).longest == 4
    assert streaks(history, MON + timedelta(days=9)).current == 0


def test_sparkline_uses_a_fixed_scale_and_shows_gaps() -> None:
    assert sparkline([0, 10, None, 5]) == "▁█ ▅"
    assert sparkline([12, -1]) == "█▁"


def test_progress_report_puts_it_all_together(knowledge: Knowledge) -> None:
    history = _daily([7] * 7 + [4] * 7)
    report = progress_report(
        baseline_pain=7,
        history=history,
        schedule=EVERY_DAY,
        thresholds=knowledge.thresholds,
        start=MON,
        today=MON + timedelta(days=13),
    )
    assert report.pain_change is not None
    assert report.pain_change.meaningful
    assert report.streaks.current == 14
    assert report.chart == "▆▄"
    assert [w.rate for w in report.adherence] == [1.0, 1.0]
