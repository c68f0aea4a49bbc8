"""Which catalog entries a person may be given: safety first, then what fits their life."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from backcare.domain.intake import Activity, Intake
from backcare.domain.vocabulary import Contra, Kind, Phase
from backcare.knowledge.catalog_index import Catalog
from backcare.knowledge.schema import CatalogEntry

# Walking needs nothing and suits almost everyone, so it is offered even when not chosen.
ALWAYS_OFFERED_ACTIVITIES = frozenset({Activity.walking})


@dataclass(frozen=True, slots=True)
class Person:
    """The facts selection needs, computed once per plan."""

    intake: Intake
    phase: Phase
    contra: frozenset[Contra]
    equipment: frozenset[str] = field(init=False)
    activities: frozenset[Activity] = field(init=False)

    def __post_init__(self) -> None:
        prefs = self.intake.preferences
        # Frozen dataclass: set the derived sets once, since selection reads them many times.
        object.__setattr__(self, "equipment", frozenset(e.value for e in prefs.equipment))
        activities = frozenset(prefs.activities) | ALWAYS_OFFERED_ACTIVITIES
        object.__setattr__(self, "activities", activities)


def blocked_by(entry: CatalogEntry, person: Person) -> list[Contra]:
    """The person's contraindications that rule this entry out (empty when it is safe)."""
    return [code for code in entry.contraindications if code in person.contra]


def fits(entry: CatalogEntry, person: Person) -> bool:
    """Safe, right phase, and possible with the person's equipment, partner and activities."""
    if not person.contra.isdisjoint(entry.contraindications) or person.phase not in entry.phases:
        return False
    if any(item.value not in person.equipment for item in entry.equipment):
        return False
    if entry.needs_partner and not person.intake.preferences.partner_available:
        return False
    return entry.activity is None or entry.activity in person.activities


def pick(
    catalog: Catalog,
    person: Person,
    *,
    kind: Kind | None = None,
    tag: str | None = None,
    max_level: int = 5,
) -> list[CatalogEntry]:
    """Entries that fit, filtered by kind and tag, easiest first, then in catalog order."""
    return [
        entry
        for entry in catalog.of_kind(kind)
        if (tag is None or tag in entry.tags) and entry.level <= max_level and fits(entry, person)
    ]


def excluded_for_safety(catalog: Catalog, person: Person) -> list[dict[str, str]]:
    """Entries of this phase left out because of a contraindication, with the reason."""
    return [dict(row) for row in _excluded(catalog, person.phase, person.contra)]


@lru_cache(maxsize=2048)
def _excluded(
    catalog: Catalog, phase: Phase, contra: frozenset[Contra]
) -> tuple[dict[str, str], ...]:
    # Few distinct (phase, contraindication set) pairs occur, and the scan reads every entry.
    out = []
    for entry in catalog.values():
        codes = [code for code in entry.contraindications if code in contra]
        if codes and phase in entry.phases:
            reason = ", ".join(code.value.replace("_", " ") for code in codes)
            out.append({"id": entry.id, "title": entry.title, "reason": f"not safe with: {reason}"})
    return tuple(out)
