"""AR-005: a shorter, simpler plan when the full one does not fit into the person's days."""

from __future__ import annotations

from collections.abc import Mapping

from backcare.domain.adapt import rules as r
from backcare.domain.adapt.outcome import Change, Notes
from backcare.domain.adapt.replan import Draft, Fit, draft_of, refit
from backcare.domain.adapt.signals import Signals
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.compose import Choice, Slot
from backcare.domain.plan.eligibility import Person

SIMPLE_SESSION_ITEMS = 2
"""Two session exercises besides the daily stretch and walking: few enough to remember and fit
in. The plan's first ones stay, since the builder puts what matters most first."""
SIMPLE_SHARE = 0.5
"""Halve the minutes per day: a clear step down that still leaves a real routine."""
SIMPLE_MIN_MINUTES = 10
"""Never below 10 minutes, so the daily stretch and a short walk still fit."""


def simplified_budget(minutes_per_day: int) -> int:
    """Half the person's daily minutes, at least 10 and never more than they gave."""
    return min(minutes_per_day, max(SIMPLE_MIN_MINUTES, int(minutes_per_day * SIMPLE_SHARE)))


def essentials(draft: Draft) -> tuple[Draft, list[Choice]]:
    """The draft with only the daily stretch, walking and the first session items timed."""
    kept: Draft = []
    dropped: list[Choice] = []
    sessions = 0
    for part in draft:
        if isinstance(part, Choice):
            sessions += part.slot == Slot.session
            if not _essential(part, sessions):
                dropped.append(part)
                continue
        kept.append(part)
    return kept, dropped


def _essential(choice: Choice, sessions_so_far: int) -> bool:
    if choice.slot == Slot.daily:
        return True
    if choice.slot == Slot.aerobic:
        return "walking" in choice.entry.tags
    return choice.slot == Slot.session and sessions_so_far <= SIMPLE_SESSION_ITEMS


def simplify(
    notes: Notes, signals: Signals, person: Person, catalog: Mapping[str, CatalogEntry]
) -> None:
    """Keep the essentials, halve the minutes, and say what was left out."""
    sessions = signals.adherence.sessions
    notes.fire(
        r.SIMPLIFY,
        f"{notes.words(r.SIMPLIFY)} You did {sessions.done} of the {sessions.planned} sessions.",
    )
    kept, dropped = essentials(draft_of(notes.plan, catalog))
    prefs = person.intake.preferences
    budget = simplified_budget(prefs.minutes_per_day)
    plan, left_out = refit(
        notes.plan, kept, Fit(person.phase, prefs.days_per_week, budget), catalog
    )
    plan = plan.model_copy(update={"minutes_per_day_budget": budget})
    if plan == notes.plan:
        notes.say(
            "The plan is already as short as it can be. If it still does not fit your days, a "
            "physiotherapist can help you find what does."
        )
        return
    for entry_id in [c.entry.id for c in dropped] + left_out:
        title = catalog[entry_id].title
        reason = f"{title} is left out for now, to make the plan easier to fit in."
        notes.changes.append(Change(entry_id, "simplify", None, reason))
    notes.say(f"Each day's exercises now take up to {budget} minutes.")
    notes.plan = plan
