"""The agenda of a meeting's week: who is on it and why, from one statement's figures.

A person is on it for open alerts, for alerts the week's reviews raised (flagged), for not
improving, or because a clinician added them. "Not improving" reuses the project's own rule
of an important change (domain.progress.ImportantChange, 2 points or 30%, OSTELO-2008) and its
thresholds; no number is written here:

- the week has at least ``min_readings`` check-ins (fewer swing with one day),
- the first assessment is at least ``trend_min_span_days`` before the week's end (one week
  of readings shows that week's wobble, not a direction),
- the week's mean pain is above ``settled_pain`` (steady low pain is doing well), and
- it is not an important fall from the first assessment's pain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from backcare.case_review.figures import Window
from backcare.case_review.schemas import AgendaEntry
from backcare.case_review.vocabulary import Reason
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.progress import ImportantChange


def not_improving(
    *,
    baseline: int | None,
    assessed_on: dt.date | None,
    pain_mean: float | None,
    readings: int,
    window: Window,
    thresholds: Thresholds,
) -> bool:
    """Whether the week's pain is not an important improvement on the first assessment's."""
    if baseline is None or assessed_on is None or pain_mean is None:
        return False
    if readings < thresholds.min_readings.value:
        return False
    if (window.last - assessed_on).days < thresholds.trend_min_span_days.value:
        return False
    if pain_mean <= thresholds.settled_pain.value:
        return False
    return not ImportantChange.of(thresholds).improved(baseline, pain_mean)


def reasons_of(row: Any, window: Window, thresholds: Thresholds) -> list[Reason]:
    """Why the person of one row of figures is on the agenda (empty: they are not)."""
    reasons = []
    if row.open_alerts:
        reasons.append(Reason.OPEN_ALERTS)
    if row.flagged:
        reasons.append(Reason.FLAGGED)
    assessed = row.assessed_at.date() if row.assessed_at is not None else None
    mean = None if row.pain_mean is None else float(row.pain_mean)
    if not_improving(
        baseline=row.baseline,
        assessed_on=assessed,
        pain_mean=mean,
        readings=int(row.readings or 0),
        window=window,
        thresholds=thresholds,
    ):
        reasons.append(Reason.NOT_IMPROVING)
    if row.added_by is not None:
        reasons.append(Reason.ADDED)
    return reasons


def entries(rows: Sequence[Any], window: Window, thresholds: Thresholds) -> list[AgendaEntry]:
    """The people with a reason to be on the agenda: open alerts first, then by name."""
    found = []
    for row in rows:
        reasons = reasons_of(row, window, thresholds)
        if not reasons:
            continue
        enough = int(row.readings or 0) >= thresholds.min_readings.value
        mean = None if row.pain_mean is None or not enough else round(float(row.pain_mean), 1)
        found.append(
            AgendaEntry(
                patient_id=row.patient_id,
                name=row.display_name,
                reasons=reasons,
                open_alerts=int(row.open_alerts or 0),
                baseline_pain=row.baseline,
                pain_this_week=mean,
                readings=int(row.readings or 0),
                added_by=row.added_by,
            )
        )
    return sorted(found, key=lambda entry: (entry.open_alerts == 0, entry.name, entry.patient_id))
