"""Which catalog entries a person may be given: safety first, then what fits their life."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from backcare.domain.intake import Activity, Intake
from backcare.domain.vocabulary import Contra, Kind, Phase
from backcare.knowledge.schema import CatalogEntry

# Walking needs nothing and suits almost everyone, so it is offered even when not chosen.
ALWAYS_OFFERED_ACTIVITIES = frozenset({Activity.walking})


@dataclass(frozen=True, slots=True)
class Person:
    """The facts selection needs, computed once per plan."""

    intake: Intake
    phase: Phase
    contra: frozenset[Contra]

    @property
    def equipment(self) -> frozenset[str]:
        return frozenset(e.value for e in self.intake.preferences.equipment)

    @property
    def activities(self) -> frozenset[Activity]:
        return frozenset(self.intake.preferences.activities) | ALWAYS_OFFERED_ACTIVITIES


def blocked_by(entry: CatalogEntry, person: Person) -> list[Contra]:
    """The person's contraindications that rule this entry out (empty when it is safe)."""
    return [code for code in entry.contraindications if code in person.contra]


def fits(entry: CatalogEntry, person: Person) -> bool:
    """Safe, right phase, and possible with the person's equipment, partner and activities."""
    if blocked_by(entry, person) or person.phase not in entry.phases:
        return False
    if not {e.value for e in entry.equipment} <= person.equipment:
        return False
    if entry.needs_partner and not person.intake.preferences.partner_available:
        return False
    return entry.activity is None or entry.activity in person.activities


def pick(
    catalog: Mapping[str, CatalogEntry],
    person: Person,
    *,
    kind: Kind | None = None,
    tag: str | None = None,
    max_level: int = 5,
) -> list[CatalogEntry]:
    """Entries that fit, filtered by kind and tag, easiest first, then in catalog order."""
    found = [
        entry
        for entry in catalog.values()
        if (kind is None or entry.kind == kind)
        and (tag is None or tag in entry.tags)
        and entry.level <= max_level
        and fits(entry, person)
    ]
    return sorted(found, key=lambda entry: entry.level)


def excluded_for_safety(catalog: Iterable[CatalogEntry], person: Person) -> list[dict[str, str]]:
    """Entries of this phase left out because of a contraindication, with the reason."""
    out = []
    for entry in catalog:
        codes = blocked_by(entry, person)
        if codes and person.phase in entry.phases:
            reason = ", ".join(code.value.replace("_", " ") for code in codes)
            out.append({"id": entry.id, "title": entry.title, "reason": f"not safe with: {reason}"})
    return out
