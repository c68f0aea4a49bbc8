"""The referral transition table, pure: only legal paths are accepted (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backcare.domain.referral_flow import (
    ENDS,
    TAKEN_BY,
    TRANSITIONS,
    Party,
    ReferralStatus,
    ReferralStep,
    after,
    may_counter,
    steps_open,
    walk,
)

LEGAL_PATHS = [
    [],
    [ReferralStep.ACCEPT],
    [ReferralStep.DECLINE],
    [ReferralStep.ACCEPT, ReferralStep.BOOK],
    [ReferralStep.ACCEPT, ReferralStep.BOOK, ReferralStep.SEE],
    [ReferralStep.ACCEPT, ReferralStep.BOOK, ReferralStep.SEE, ReferralStep.CLOSE],
]


def is_prefix_of_a_legal_path(steps: list[ReferralStep]) -> bool:
    return steps in LEGAL_PATHS


@given(st.lists(st.sampled_from(list(ReferralStep)), max_size=8))
def test_only_the_legal_paths_are_walked(steps: list[ReferralStep]) -> None:
    reached = walk(steps)
    assert (reached is not None) == is_prefix_of_a_legal_path(steps)


@given(st.sampled_from(list(ReferralStatus)), st.sampled_from(list(ReferralStep)))
def test_every_step_from_every_status_is_in_the_table_or_refused(
    status: ReferralStatus, step: ReferralStep
) -> None:
    found = after(status, step)
    assert found == TRANSITIONS.get((status, step))
    if status in ENDS:
        assert found is None


def test_the_table_is_the_documented_flow() -> None:
    assert walk(LEGAL_PATHS[-1]) is ReferralStatus.CLOSED
    assert walk([ReferralStep.DECLINE]) is ReferralStatus.DECLINED
    assert walk([ReferralStep.BOOK]) is None
    assert walk([ReferralStep.DECLINE, ReferralStep.ACCEPT]) is None


@given(st.sampled_from(list(ReferralStatus)), st.frozensets(st.sampled_from(list(Party))))
def test_the_steps_offered_are_legal_and_the_partys_own(
    status: ReferralStatus, parties: frozenset[Party]
) -> None:
    for step in steps_open(status, parties):
        assert after(status, step) is not None
        assert TAKEN_BY[step] & parties


def test_only_the_receiver_answers_and_either_end_closes() -> None:
    assert steps_open(ReferralStatus.REQUESTED, frozenset({Party.REFERRER})) == []
    assert steps_open(ReferralStatus.REQUESTED, frozenset({Party.PERSON})) == []
    assert steps_open(ReferralStatus.REQUESTED, frozenset({Party.RECEIVER})) == [
        ReferralStep.ACCEPT,
        ReferralStep.DECLINE,
    ]
    assert steps_open(ReferralStatus.ACCEPTED, frozenset({Party.PERSON})) == [ReferralStep.BOOK]
    assert steps_open(ReferralStatus.SEEN, frozenset({Party.REFERRER})) == [ReferralStep.CLOSE]


def test_a_counter_referral_follows_a_visit_and_comes_from_the_receiver() -> None:
    receiver = frozenset({Party.RECEIVER})
    assert may_counter(ReferralStatus.SEEN, receiver)
    assert may_counter(ReferralStatus.CLOSED, receiver)
    assert not may_counter(ReferralStatus.BOOKED, receiver)
    assert not may_counter(ReferralStatus.SEEN, frozenset({Party.REFERRER, Party.PERSON}))
