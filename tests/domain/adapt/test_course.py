"""The course at a glance: a robust trend line, separate flare-ups and severe days."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backcare.domain.adapt.course import (
    Trend,
    flare_starts,
    pain_trend_line,
    severe_days,
    theil_sen,
)
from backcare.domain.progress import ImportantChange
from backcare.domain.tracking import CheckInRecord, History
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import TODAY, days, history, week_of

RULE = ImportantChange(points=2.0, share=0.3, floor=1.0)


def test_theil_sen_is_the_median_of_pairwise_slopes() -> None:
    fitted = theil_sen([(0, 1), (1, 2), (2, 3), (3, 4)])
    assert fitted == (1.0, 1.0)


def test_theil_sen_shrugs_off_one_wild_day() -> None:
    points = [(float(x), 6 - 0.5 * x) for x in range(10)]
    points[4] = (4.0, 10.0)
    slope, _ = theil_sen(points) or (0.0, 0.0)
    assert slope == pytest.approx(-0.5)


def test_theil_sen_needs_two_points_far_enough_apart() -> None:
    assert theil_sen([(0, 1)]) is None
    assert theil_sen([(0, 1), (3, 2)], min_gap=7) is None


def test_a_steady_fall_of_whole_number_scores_reads_as_falling(knowledge: Knowledge) -> None:
    # Neighbouring days are mostly equal; pairs a week apart still see the fall.
    trend = pain_trend_line(
        history(days([*week_of(5.5), *week_of(5), *week_of(4.5)])), TODAY, knowledge.thresholds
    )
    assert trend is not None
    assert trend.per_week == pytest.approx(-0.5, abs=0.1)


def test_rising_and_falling_use_the_important_change() -> None:
    assert Trend(3, 5, 20, 21).rising(RULE)
    assert not Trend(5, 6.4, 20, 21).rising(RULE)
    assert Trend(6, 4, 20, 21).falling(RULE)
    assert Trend(6, 4, 20, 21).per_week == pytest.approx(-0.7)


def test_flare_up_days_within_the_relief_days_are_one_flare(knowledge: Knowledge) -> None:
    flares = [TODAY - timedelta(days=n) for n in (20, 19, 17, 10, 2)]
    record = History(checkins=tuple(CheckInRecord(day, 7, flare_up=True) for day in flares))
    assert flare_starts(record, TODAY, knowledge.thresholds) == (flares[0], flares[3], flares[4])


def test_severe_days_are_distinct_days_at_eight_or_more(knowledge: Knowledge) -> None:
    checkins = (*days([8, 7, 9, 10]), CheckInRecord(TODAY, 9))
    found = severe_days(checkins, TODAY, knowledge.thresholds)
    assert found == {TODAY - timedelta(days=3), TODAY - timedelta(days=1), TODAY}
