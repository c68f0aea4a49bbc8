"""The referral workflow as a pure transition table: which step leads where, and who takes it.

requested → accepted | declined (with a reason) → booked → seen → closed. Declined and closed
are the ends. A counter-referral (the receiving clinician's answer back to the referring one)
is a new referral in the opposite direction, linked to the first; it can be sent once the
person has been seen. Nothing here reads a database or a clock: the use case
(backcare.referrals.service) loads the referral, asks this module, and writes what it says.
"""

from __future__ import annotations

from enum import StrEnum


class ReferralStatus(StrEnum):
    """Where a referral stands."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    BOOKED = "booked"
    SEEN = "seen"
    CLOSED = "closed"


class ReferralStep(StrEnum):
    """What someone does to a referral."""

    ACCEPT = "accept"
    DECLINE = "decline"
    BOOK = "book"
    SEE = "see"
    CLOSE = "close"


class Party(StrEnum):
    """Who someone is to one referral (an actor may be several at once)."""

    REFERRER = "referrer"
    """The clinician (or the person) who made the referral."""
    RECEIVER = "receiver"
    """The clinician it is addressed to: named, or of its profession (and clinic) in the team."""
    PERSON = "person"
    """The person whose referral it is."""


TRANSITIONS: dict[tuple[ReferralStatus, ReferralStep], ReferralStatus] = {
    (ReferralStatus.REQUESTED, ReferralStep.ACCEPT): ReferralStatus.ACCEPTED,
    (ReferralStatus.REQUESTED, ReferralStep.DECLINE): ReferralStatus.DECLINED,
    (ReferralStatus.ACCEPTED, ReferralStep.BOOK): ReferralStatus.BOOKED,
    (ReferralStatus.BOOKED, ReferralStep.SEE): ReferralStatus.SEEN,
    (ReferralStatus.SEEN, ReferralStep.CLOSE): ReferralStatus.CLOSED,
}
"""Every legal step; any pair not here is refused (409, naming the current status)."""

TAKEN_BY: dict[ReferralStep, frozenset[Party]] = {
    ReferralStep.ACCEPT: frozenset({Party.RECEIVER}),
    ReferralStep.DECLINE: frozenset({Party.RECEIVER}),
    # The receiving clinician books; so may the person, who often books by telephone.
    ReferralStep.BOOK: frozenset({Party.RECEIVER, Party.PERSON}),
    ReferralStep.SEE: frozenset({Party.RECEIVER}),
    # Either end of the referral closes it once the person has been seen.
    ReferralStep.CLOSE: frozenset({Party.REFERRER, Party.RECEIVER}),
}
"""Who may take each step."""

ENDS = frozenset({ReferralStatus.DECLINED, ReferralStatus.CLOSED})
OPEN = frozenset(ReferralStatus) - ENDS
COUNTER_FROM = frozenset({ReferralStatus.SEEN, ReferralStatus.CLOSED})
"""A counter-referral answers a referral whose person has been seen."""
COUNTER_BY = frozenset({Party.RECEIVER})

STATUS_WORDS: dict[ReferralStatus, str] = {
    ReferralStatus.REQUESTED: "Asked for, waiting for an answer",
    ReferralStatus.ACCEPTED: "Accepted, to be booked",
    ReferralStatus.DECLINED: "Declined",
    ReferralStatus.BOOKED: "Booked",
    ReferralStatus.SEEN: "Seen",
    ReferralStatus.CLOSED: "Closed",
}


def after(status: ReferralStatus, step: ReferralStep) -> ReferralStatus | None:
    """The status ``step`` leads to from ``status``; None when the step is not legal there."""
    return TRANSITIONS.get((status, step))


def may_take(step: ReferralStep, parties: frozenset[Party]) -> bool:
    """Whether someone who is ``parties`` to the referral may take ``step``."""
    return bool(TAKEN_BY[step] & parties)


def steps_open(status: ReferralStatus, parties: frozenset[Party]) -> list[ReferralStep]:
    """The steps this reader may take now (for the buttons a page shows)."""
    return [step for (start, step) in TRANSITIONS if start is status and may_take(step, parties)]


def may_counter(status: ReferralStatus, parties: frozenset[Party]) -> bool:
    """Whether a counter-referral may be sent now by someone who is ``parties``."""
    return status in COUNTER_FROM and bool(COUNTER_BY & parties)


def walk(steps: list[ReferralStep]) -> ReferralStatus | None:
    """Where a new referral ends after ``steps``; None as soon as one is not legal."""
    status = ReferralStatus.REQUESTED
    for step in steps:
        found = after(status, step)
        if found is None:
            return None
        status = found
    return status
