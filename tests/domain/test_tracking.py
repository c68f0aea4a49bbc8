"""The tracking records: validated on creation, sorted by day in a history."""

from __future__ import annotations

from datetime import date

import pytest

from backcare.domain.tracking import CheckInRecord, History, PegRecord, PsfsRecord, SessionRecord

MON = date(2025, 3, 10)


def test_a_pain_score_outside_zero_to_ten_is_rejected() -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        CheckInRecord(MON, 11)


def test_a_history_sorts_its_records_by_day() -> None:
    later, earlier = CheckInRecord(MON.replace(day=12), 3), CheckInRecord(MON, 5)
    assert History(checkins=(later, earlier)).checkins == (earlier, later)


def test_sessions_logged_without_a_checkin_count_as_one_session() -> None:
    history = History(
        checkins=(CheckInRecord(MON, 4, sessions_done=2),),
        sessions=(
            SessionRecord(MON.replace(day=11), "aerobic-walking", 600, 7),
            SessionRecord(MON.replace(day=11), "stretch-cat-camel", 120, 6),
        ),
    )
    assert history.sessions_on(MON) == 2
    assert history.sessions_on(MON.replace(day=11)) == 1
    assert history.sessions_between(MON, MON.replace(day=16)) == 3
    assert history.active_days == (MON, MON.replace(day=11))


def test_checkins_between_includes_both_ends() -> None:
    history = History(checkins=tuple(CheckInRecord(MON.replace(day=d), 3) for d in range(10, 17)))
    found = history.checkins_between(MON.replace(day=11), MON.replace(day=13))
    assert [c.day.day for c in found] == [11, 12, 13]


def test_peg_and_psfs_scores_are_means() -> None:
    assert PegRecord(MON, 6, 3, 3).mean == 4
    assert PsfsRecord(MON, (("gardening", 4), ("walking", 8))).mean == 6
    with pytest.raises(ValueError, match="at least one activity"):
        PsfsRecord(MON, ())
