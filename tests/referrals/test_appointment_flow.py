"""The appointment state machine and the checks of a proposed time, pure (clock passed in)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from backcare.domain.appointment_flow import (
    TRANSITIONS,
    AppointmentStatus,
    AppointmentStep,
    Slot,
    after,
    clash_within,
    slot_problem,
)

NOW = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)
ENDS = {AppointmentStatus.DECLINED, AppointmentStatus.CANCELLED}


@given(st.lists(st.sampled_from(list(AppointmentStep)), max_size=6))
def test_a_walk_is_legal_only_along_the_table(steps: list[AppointmentStep]) -> None:
    status: AppointmentStatus | None = AppointmentStatus.PROPOSED
    for step in steps:
        assert status is not None
        found = after(status, step)
        assert found == TRANSITIONS.get((status, step))
        if status in ENDS:
            assert found is None
        status = found
        if status is None:
            break


def test_only_a_proposal_is_answered_and_either_open_state_cancelled() -> None:
    assert after(AppointmentStatus.PROPOSED, AppointmentStep.ACCEPT) is AppointmentStatus.ACCEPTED
    assert after(AppointmentStatus.ACCEPTED, AppointmentStep.ACCEPT) is None
    assert after(AppointmentStatus.ACCEPTED, AppointmentStep.DECLINE) is None
    assert after(AppointmentStatus.ACCEPTED, AppointmentStep.CANCEL) is AppointmentStatus.CANCELLED
    assert after(AppointmentStatus.CANCELLED, AppointmentStep.CANCEL) is None


times = st.one_of(
    st.datetimes(
        min_value=dt.datetime(1, 1, 2),
        max_value=dt.datetime(9999, 12, 30),
        timezones=st.just(dt.UTC),
    ),
    # Most draws near today, where the boundaries (now, two years ahead) are.
    st.datetimes(
        min_value=dt.datetime(2023, 1, 1),
        max_value=dt.datetime(2027, 1, 1),
        timezones=st.just(dt.UTC),
    ),
)


@given(times, st.integers(min_value=-10_000, max_value=10_000))
def test_an_accepted_time_is_sane_and_any_other_is_named(start: dt.datetime, minutes: int) -> None:
    try:
        end = start + dt.timedelta(minutes=minutes)
    except OverflowError:
        return
    problem = slot_problem(Slot(start, end), now=NOW)
    if problem is None:
        assert start.year >= 2000
        assert NOW < start <= NOW + dt.timedelta(days=732)
        assert dt.timedelta(minutes=5) <= end - start <= dt.timedelta(hours=8)
    else:
        assert problem.split(":")[0] in ("starts_at", "ends_at")


def test_a_time_without_its_offset_is_refused() -> None:
    naive = dt.datetime(2024, 5, 16, 10, 0)
    problem = slot_problem(Slot(naive, naive + dt.timedelta(hours=1)), now=NOW)
    assert problem is not None
    assert "offset" in problem


def test_overlapping_times_of_one_proposal_are_named_and_touching_ones_are_not() -> None:
    hour = dt.timedelta(hours=1)
    a = Slot(NOW + hour, NOW + 2 * hour)
    touching = Slot(NOW + 2 * hour, NOW + 3 * hour)
    overlapping = Slot(NOW + 2.5 * hour, NOW + 3.5 * hour)
    assert clash_within([a, touching]) is None
    assert clash_within([a, touching, overlapping]) == (2, 3)
