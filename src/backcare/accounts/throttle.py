"""Back-off and lockout after failed sign-ins, per account name and per address (pure).

A few mistakes cost nothing; after that each failure doubles the wait before the next try,
up to a lockout of a quarter of an hour. An address gets more free tries than a name, since
several people may share one (a household, a clinic behind one router).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LOCKOUT = dt.timedelta(minutes=15)
FORGET_AFTER = dt.timedelta(days=1)
"""A counter untouched this long starts again from zero (and its row may be removed)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """How many failures are free, and the wait after each further one."""

    free_failures: int
    first_wait: dt.timedelta = dt.timedelta(seconds=1)

    def wait_after(self, failures: int) -> dt.timedelta:
        """The wait after ``failures`` failures in a row: none, doubling, at most LOCKOUT."""
        extra = failures - self.free_failures
        if extra < 0:
            return dt.timedelta(0)
        # Past 2**20 seconds the doubling is far beyond the cap; stop before huge numbers.
        doubled: dt.timedelta = self.first_wait * 2 ** min(extra, 20)
        return min(doubled, LOCKOUT)


PER_ACCOUNT = Rule(free_failures=5)
PER_ADDRESS = Rule(free_failures=20)


def account_key(username: str) -> str:
    """The counter of one account name (whether or not the account exists)."""
    return f"account:{username.strip().lower()}"


def address_key(address: str) -> str:
    """The counter of one network address."""
    return f"address:{address}"


def rule_for(key: str) -> Rule:
    """The rule that applies to a counter."""
    return PER_ACCOUNT if key.startswith("account:") else PER_ADDRESS


def next_try_at(failures: int, last_failure: dt.datetime, rule: Rule) -> dt.datetime:
    """When the next try is allowed after ``failures`` failures, the last at ``last_failure``."""
    return last_failure + rule.wait_after(failures)


def is_stale(last_failure: dt.datetime, now: dt.datetime) -> bool:
    """Whether a counter is old enough to be forgotten."""
    return now - last_failure > FORGET_AFTER
