"""Choose what goes into a self-care plan, by phase, risk and the person's answers.

The phase sequence follows the guidelines (docs/clinical-evidence.md, sections 2 and 5.6):
acute (keep moving, heat, gentle mobility, walking, optional gentle self-massage), subacute (add
stretching and core activation), chronic (progressive exercise, aerobic activity, massage only
beside exercise, referrals by risk).
"""

from __future__ import annotations

from backcare.domain.classify import Classification
from backcare.domain.identity_cache import ByIdentity
from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.care import care
from backcare.domain.plan.choice import Choice, Slot, unique
from backcare.domain.plan.eligibility import Person, pick
from backcare.domain.plan.reasons import Why
from backcare.domain.vocabulary import Contra, Kind, Phase

# How many of each exercise family a phase starts with; wger-style explicit caps, so that a
# first programme stays short enough to be done (it starts from 20-30 minutes, 4-5 days a week).
_STRETCHES = {Phase.acute: 0, Phase.subacute: 2, Phase.chronic: 3}
_STRENGTH = {Phase.acute: 0, Phase.subacute: 2, Phase.chronic: 4}
_MOBILITY = {Phase.acute: 2, Phase.subacute: 1, Phase.chronic: 1}
# Start each strengthening chain low; the weekly review progresses it (adaptation rules).
_START_LEVEL = {Phase.acute: 1, Phase.subacute: 1, Phase.chronic: 2}
_AEROBIC_OPTIONS = 2
_SELF_MASSAGE = {Phase.acute: 1, Phase.subacute: 2, Phase.chronic: 2}
_FOAM_ROLLING = 2


def compose(catalog: Catalog, person: Person, classification: Classification) -> list[Choice]:
    """Every item of a self-care plan, before it is fitted into the week."""
    exercise = _exercise(catalog, person)
    hands_on = _hands_on(catalog, person) if exercise else []
    return [*exercise, *hands_on, *care(catalog, person, classification)]


def _exercise(catalog: Catalog, person: Person) -> list[Choice]:
    phase = person.phase
    chosen: list[Choice] = []
    hamstring = pick(catalog, person, tag="daily-hamstring")[:1]
    chosen += [Choice(e, Slot.daily, Why.daily_hamstring) for e in hamstring]
    mobility = pick(catalog, person, kind=Kind.mobility, max_level=2, alternatives_last=True)
    chosen += [Choice(e, Slot.session, Why.mobility) for e in mobility[: _MOBILITY[phase]]]
    # Strength before stretches: when time is short, the week keeps what comes first, and the
    # evidence favours strengthening over stretching (OWEN-2020).
    chosen += [Choice(e, Slot.session, Why.strength) for e in _strength(catalog, person)]
    daily_ids = {e.id for e in hamstring}
    stretches = [e for e in pick(catalog, person, kind=Kind.stretch) if e.id not in daily_ids]
    chosen += [Choice(e, Slot.session, Why.stretch) for e in stretches[: _STRETCHES[phase]]]
    chosen += [Choice(e, Slot.aerobic, Why.aerobic) for e in _aerobic(catalog, person)]
    return chosen


def _strength(catalog: Catalog, person: Person) -> list[CatalogEntry]:
    """Core activation, then the trunk-endurance trio, then one entry per progression chain.

    The trio (curl-up, side plank, bird-dog: MCGILL-1998) trains the trunk with little load on
    the spine; an entry that fits is taken before other strengthening at the starting level.
    Core activation is the first step of many chains, so it does not block a chain.
    """
    cap = _STRENGTH[person.phase]
    if cap == 0:
        return []
    level = _START_LEVEL[person.phase]
    strengthen = pick(
        catalog, person, kind=Kind.strengthen, max_level=level, alternatives_last=True
    )
    core = [e for e in strengthen if "core-activation" in e.tags]
    chosen: list[CatalogEntry] = core[:1]
    for entry in _trio_first(strengthen):
        if len(chosen) == cap:
            break
        others = [other for other in chosen if "core-activation" not in other.tags]
        if all(other.id != entry.id for other in chosen) and not _same_chain(entry, others):
            chosen.append(entry)
    return chosen


def _trio_first(entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """Usual entries (trio first, then hardest first), then alternatives in the same order."""
    split = next((n for n, e in enumerate(entries) if "alternative" in e.tags), len(entries))
    out: list[CatalogEntry] = []
    for part in (entries[:split], entries[split:]):
        out += [e for e in part if "core-endurance" in e.tags]
        out += sorted(part, key=lambda e: -e.level)
    return out


def _links(entry: CatalogEntry) -> frozenset[str]:
    return frozenset((*entry.progression, *entry.regression))


links_of = ByIdentity(_links)


def _same_chain(entry: CatalogEntry, chosen: list[CatalogEntry]) -> bool:
    linked = links_of(entry)
    return any(other.id in linked or entry.id in links_of(other) for other in chosen)


def _aerobic(catalog: Catalog, person: Person) -> list[CatalogEntry]:
    """The person's preferred activities first; walking is always there to fall back on.

    Seated aerobic exercise is offered when walking is out of reach, or beside it when the
    person is unsteady on their feet, so there is a way to get breathless without falling.
    """
    max_level = 1 if person.phase == Phase.acute else 3
    options = pick(catalog, person, kind=Kind.aerobic, max_level=max_level, alternatives_last=True)
    preferred = [e for e in options if e.activity in person.intake.preferences.activities]
    walking = [e for e in options if "walking" in e.tags]
    seated = [e for e in options if "alternative" in e.tags]
    if walking and Contra.balance_problems not in person.contra:
        seated = []
    usual = [e for e in options if "alternative" not in e.tags]
    chosen: list[CatalogEntry] = []
    for entry in unique([*preferred, *walking, *seated, *usual]):
        if not _same_chain(entry, chosen) and len(chosen) < _AEROBIC_OPTIONS:
            chosen.append(entry)
    return chosen


def _hands_on(catalog: Catalog, person: Person) -> list[Choice]:
    """Massage and rolling, planned only beside exercise (NICE NG59)."""
    gentle = "gentle" if person.phase == Phase.acute else None
    chosen = [
        Choice(e, Slot.hands_on, Why.self_massage)
        for e in pick(catalog, person, kind=Kind.self_massage, tag=gentle)[
            : _SELF_MASSAGE[person.phase]
        ]
    ]
    if person.phase != Phase.acute:
        rolling = pick(catalog, person, kind=Kind.foam_rolling)[:_FOAM_ROLLING]
        chosen += [Choice(e, Slot.hands_on, Why.foam_rolling) for e in rolling]
    chosen += [Choice(e, Slot.routine, Why.partner) for e in _partner_routine(catalog, person)]
    return chosen


def _partner_routine(catalog: Catalog, person: Person) -> list[CatalogEntry]:
    steps = pick(catalog, person, kind=Kind.partner_massage, tag="partner-routine")
    by_order: dict[int, CatalogEntry] = {}
    for entry in sorted(steps, key=lambda e: (e.order or 99, e.id)):
        by_order.setdefault(entry.order or 99, entry)  # one variant per routine position
    return [by_order[k] for k in sorted(by_order)]


__all__ = ["Choice", "Slot", "compose", "unique"]
