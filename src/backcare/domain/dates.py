"""Which days a person's record may hold or be asked about: one rule for every edge.

A date far outside the record is never a real answer, and it is not harmless: reports walk
every day from the record's start to the day asked for, so ``9999-12-25`` cost half a
minute of CPU and ``0001-01-01`` overflowed date arithmetic (a 500). Every dated input
(measures, query parameters ``on``, ``since`` and ``until``; check-ins may use the same
rule) is checked against a ``DayRange`` built here, with the clock and the record's start
passed in, and refused with a sentence naming the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backcare.errors import InvalidInputError

AHEAD = dt.timedelta(days=1)
"""The person's today may be a day ahead of the server's (they live east of it)."""
BACKFILL = dt.timedelta(days=365)
"""How far before their record began a person may date an entry: a year of a diary kept
before they joined can be copied in, and no report needs to look further back than that."""


@dataclass(frozen=True, slots=True)
class DayRange:
    """The first and last day (inclusive) that a dated input may name."""

    first: dt.date
    last: dt.date
    why_first: str

    def check(self, field: str, day: dt.date) -> dt.date:
        """``day`` if it lies in the range; InvalidInputError naming ``field`` otherwise."""
        if day > self.last:
            raise InvalidInputError(
                f"{field}: {day.isoformat()} is in the future; "
                f"give a day up to {self.last.isoformat()}."
            )
        if day < self.first:
            raise InvalidInputError(
                f"{field}: {day.isoformat()} is before {self.why_first} "
                f"({self.first.isoformat()}); give a day from then on."
            )
        return day

    def check_span(self, since: dt.date | None, until: dt.date | None) -> None:
        """Both ends of a ``since``/``until`` filter in range, and in order."""
        if since is not None:
            self.check("since", since)
        if until is not None:
            self.check("until", until)
        if since is not None and until is not None and since > until:
            raise InvalidInputError(
                f"until: {until.isoformat()} is before since ({since.isoformat()}); "
                "give the earlier day as since."
            )


def record_days(*, began: dt.date, today: dt.date) -> DayRange:
    """Days an entry in the record may carry: from a year before it began to the person's today.

    ``began`` later than ``today`` (a clock set back) counts from ``today``, so the range is
    never empty.
    """
    first = min(began, today) - BACKFILL
    return DayRange(first, today + AHEAD, "the earliest day this record can hold")


def report_days(*, start: dt.date, today: dt.date) -> DayRange:
    """Days a progress report may be judged on: from its first assessment to the person's today."""
    return DayRange(min(start, today), today + AHEAD, "the first assessment, where progress starts")
