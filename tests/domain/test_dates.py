"""The one rule for dated input: from before the record began to the person's today."""

from __future__ import annotations

import datetime as dt

import pytest

from backcare.domain.dates import AHEAD, BACKFILL, record_days, report_days
from backcare.errors import InvalidInputError

TODAY = dt.date(2024, 5, 15)
BEGAN = dt.date(2024, 3, 1)


def test_an_entry_may_be_dated_from_a_year_before_the_record_to_tomorrow() -> None:
    days = record_days(began=BEGAN, today=TODAY)
    assert (days.first, days.last) == (BEGAN - BACKFILL, TODAY + AHEAD)
    assert days.check("date", days.first) == days.first
    assert days.check("date", days.last) == days.last


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(1, 1, 1), "is before the earliest day this record can hold"),
        (BEGAN - BACKFILL - dt.timedelta(days=1), "is before"),
        (TODAY + dt.timedelta(days=2), "is in the future"),
        (dt.date(9999, 12, 31), "is in the future"),
    ],
)
def test_days_outside_the_record_are_refused_naming_the_field(day: dt.date, words: str) -> None:
    with pytest.raises(InvalidInputError, match=f"^date: {day.isoformat()} {words}"):
        record_days(began=BEGAN, today=TODAY).check("date", day)


def test_a_record_that_seems_to_begin_after_today_counts_from_today() -> None:
    days = record_days(began=TODAY + dt.timedelta(days=400), today=TODAY)
    assert days.first == TODAY - BACKFILL
    assert days.first < days.last


def test_a_report_is_judged_between_its_first_assessment_and_tomorrow() -> None:
    days = report_days(start=BEGAN, today=TODAY)
    assert (days.first, days.last) == (BEGAN, TODAY + AHEAD)
    with pytest.raises(InvalidInputError, match=r"^on: .* before the first assessment"):
        days.check("on", BEGAN - dt.timedelta(days=1))


def test_a_filter_must_run_forwards() -> None:
    days = record_days(began=BEGAN, today=TODAY)
    days.check_span(BEGAN, TODAY)
    days.check_span(None, TODAY)
    with pytest.raises(InvalidInputError, match=r"^until: .* is before since"):
        days.check_span(TODAY, BEGAN)
    with pytest.raises(InvalidInputError, match=r"^since: 0001-01-01"):
        days.check_span(dt.date(1, 1, 1), None)
