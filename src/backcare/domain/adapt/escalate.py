"""The escalation ladders: worse at two reviews in a row (AR-009), flare-ups that keep coming
back (AR-010) and very high pain for several days (AR-011). Each asks a clinician to look.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from backcare.domain.adapt import rules as r
from backcare.domain.adapt.actions import pain_detail, see_clinician, step_down
from backcare.domain.adapt.course import recent_flares
from backcare.domain.adapt.outcome import AlertDraft, Notes, long_date
from backcare.domain.adapt.signals import Signals, week_ending
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.plan.eligibility import Person
from backcare.domain.tracking import History

_TWICE_WHY = (
    "Your pain has been getting worse for two weeks. Ask your GP or physiotherapist to review "
    "your plan this week."
)


def worse_twice(
    notes: Notes,
    signals: Signals,
    person: Person,
    catalog: Mapping[str, CatalogEntry],
    *,
    stepped: bool,
) -> None:
    """AR-009: step down (unless AR-003 just did), a GP review, and a clinician-review alert."""
    notes.fire(r.WORSE_TWICE)
    if not stepped:
        step_down(notes, person, catalog)
    see_clinician(notes, catalog, _TWICE_WHY)
    summary = "worse at two weekly reviews in a row: please review the plan"
    notes.alerts.append(AlertDraft("clinician_review", pain_detail(signals, summary)))


def recurrent_flares(notes: Notes, history: History, today: date, t: Thresholds) -> bool:
    """AR-010: a flare-up starting this week makes enough in the window; True when it fired."""
    starts = recent_flares(history, today, t)
    first, _ = week_ending(today)
    if len(starts) < t.recurrent_flares.value or starts[-1] < first:
        return False
    days = ", ".join(long_date(day) for day in starts)
    notes.fire(r.RECURRENT_FLARES, f"{notes.words(r.RECURRENT_FLARES)} Flare-ups began on {days}.")
    detail = {
        "summary": "flare-ups keep coming back: please review the whole plan",
        "flare_ups": [day.isoformat() for day in starts],
        "window_days": t.recurrent_flare_days.value,
    }
    notes.alerts.append(AlertDraft("clinician_review", detail))
    return True


def severe_pain(notes: Notes, days: frozenset[date], t: Thresholds) -> None:
    """AR-011: severe pain on enough days this week: contact a clinician, and alert them."""
    notes.fire(r.SEVERE_PAIN)
    detail = {
        "summary": "very high pain on several days: please contact the person",
        "days": sorted(day.isoformat() for day in days),
        "level": t.high_pain_level.value,
    }
    notes.alerts.append(AlertDraft("severe_pain", detail))
