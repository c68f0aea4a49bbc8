"""The flare-up relief plan: a few days of heat, easy movement and short walks, then back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from backcare.domain.adapt import rules as r
from backcare.domain.adapt.outcome import Change, Notes, long_date
from backcare.domain.adapt.replan import Draft, Fit, refit
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.compose import Choice, Slot
from backcare.domain.plan.eligibility import Person, fits
from backcare.domain.plan_model import Plan
from backcare.domain.vocabulary import Kind, Phase

FLARE_MINUTES = 15
"""At most 15 minutes a day in a flare: little and often eases a sensitive back better than a
long session, and it keeps the habit going (advice-flare-up-relief)."""
FLARE_MOBILITY = 2
"""Two gentle mobility moves are enough to keep the back moving without much to remember."""
EVERY_DAY = 7


class WhyFlare:
    """Reasons shown with each relief item, in plain words."""

    advice = "What helps most in the first days of a flare, and when to get help."
    heat = "Warmth can take the edge off the pain for a while and make moving easier."
    mobility = (
        "Small, easy movements every day stop the back stiffening up. Move only as far as is "
        "comfortable."
    )
    walking = "A short, easy walk every day, even a few minutes, helps a flare settle sooner."
    safety = "Know which changes mean you should get help quickly."


def _first(
    catalog: Mapping[str, CatalogEntry], person: Person, kind: Kind, tag: str | None = None
) -> list[CatalogEntry]:
    """Entries of a kind (and tag) that fit the person, easiest first, in catalog order."""
    found = [
        entry
        for entry in catalog.values()
        if entry.kind == kind and (tag is None or tag in entry.tags) and fits(entry, person)
    ]
    return sorted(found, key=lambda entry: entry.level)


def relief_draft(plan: Plan, person: Person, catalog: Mapping[str, CatalogEntry]) -> Draft:
    """Referrals kept from the plan, then flare advice, heat, gentle mobility, walking, safety."""
    safety = _not_waiting(_first(catalog, person, Kind.advice, "safety-net"))[:1]
    heat = _first(catalog, person, Kind.heat)[:1]
    draft: Draft = [item for item in plan.items if item.kind == Kind.referral]
    draft += [Choice(e, Slot.as_needed, WhyFlare.advice) for e in _flare_advice(catalog, person)]
    draft += [Choice(e, Slot.as_needed, WhyFlare.heat) for e in heat]
    draft += [Choice(e, Slot.session, WhyFlare.mobility) for e in _gentle_mobility(catalog, person)]
    draft += [Choice(e, Slot.aerobic, WhyFlare.walking) for e in _easy_walk(catalog, person)]
    draft += [Choice(e, Slot.as_needed, WhyFlare.safety) for e in safety]
    return draft


def relief_fit(person: Person) -> Fit:
    """Every day, like an acute episode, within a short daily budget."""
    budget = min(FLARE_MINUTES, person.intake.preferences.minutes_per_day)
    return Fit(Phase.acute, EVERY_DAY, budget)


def _flare_advice(catalog: Mapping[str, CatalogEntry], person: Person) -> list[CatalogEntry]:
    return [e for e in catalog.values() if "flare-relief" in e.tags and fits(e, person)][:1]


def _gentle_mobility(catalog: Mapping[str, CatalogEntry], person: Person) -> list[CatalogEntry]:
    return [e for e in _first(catalog, person, Kind.mobility, "gentle") if e.level == 1][
        :FLARE_MOBILITY
    ]


def _easy_walk(catalog: Mapping[str, CatalogEntry], person: Person) -> list[CatalogEntry]:
    return [e for e in _first(catalog, person, Kind.aerobic, "walking") if e.level == 1][:1]


def _not_waiting(entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """Safety-net advice for someone at home, not the 'while you wait to be seen' advice."""
    return [e for e in entries if "while-waiting" not in e.tags]


def start_flare(
    notes: Notes, person: Person, catalog: Mapping[str, CatalogEntry], today: date, days: int
) -> tuple[date, Plan | None]:
    """AR-002: switch to the relief plan for ``days`` days; its end, and the plan to go back to."""
    until = today + timedelta(days=days)
    relief, _ = refit(
        notes.plan, relief_draft(notes.plan, person, catalog), relief_fit(person), catalog
    )
    if [i.id for i in relief.items] == [i.id for i in notes.plan.items]:
        # Already on the relief plan: a new flare day only moves the end date.
        notes.fire(
            r.FLARE, f"Still in a flare-up: keep to the relief plan until {long_date(until)}."
        )
        return until, None
    notes.fire(r.FLARE, f"{notes.words(r.FLARE)} The relief plan runs until {long_date(until)}.")
    resume = notes.plan
    kept = {item.id for item in relief.items}
    for item in resume.items:
        if item.days and item.id not in kept:
            notes.changes.append(
                Change(item.id, "flare", None, f"Paused until {long_date(until)}.")
            )
    for item in relief.items:
        if item.id not in {i.id for i in resume.items}:
            notes.changes.append(Change(item.id, "flare", None, "Added for the flare-up days."))
    notes.plan = relief
    return until, resume


def end_flare(notes: Notes, resume_plan: Plan) -> None:
    """AR-002, second half: the flare days are over, so the usual plan comes back."""
    notes.fire(
        r.FLARE,
        "The flare-up days are over, so your usual plan is back. Take the first few sessions a "
        "little easier and build up again.",
    )
    for item in resume_plan.items:
        if item.days:
            notes.changes.append(Change(item.id, "flare", None, "Back in your plan."))
    notes.plan = resume_plan
