"""Which catalog entries a person may be given: safety first, then what fits their life."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from backcare.domain.identity_cache import ByIdentity
from backcare.domain.intake import Activity, Equipment, Intake
from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.vocabulary import Contra, Kind, Phase

# Walking needs nothing and suits almost everyone, so it is offered even when not chosen.
ALWAYS_OFFERED_ACTIVITIES = frozenset({Activity.walking})


# Every contraindication, and everything an entry can need (equipment, a partner, an
# activity the person does), gets one bit: fitting an entry is then two integer tests, and
# selection runs about a hundred of them per plan.
_CONTRA_BIT = {code: 1 << n for n, code in enumerate(Contra)}
Need = tuple[str, str]
_PARTNER: Need = ("partner", "partner")
_NEED_BIT = {
    need: 1 << n
    for n, need in enumerate(
        [*(("equipment", e) for e in Equipment), *(("activity", a) for a in Activity), _PARTNER]
    )
}


def _bits(members: Iterable[Any], table: Mapping[Any, int]) -> int:
    return sum(table[member] for member in set(members))


@dataclass(frozen=True, slots=True)
class Person:
    """The facts selection needs, computed once per plan."""

    intake: Intake
    phase: Phase
    contra: frozenset[Contra]
    contra_bits: int = field(init=False)
    lacks_bits: int = field(init=False)

    def __post_init__(self) -> None:
        prefs = self.intake.preferences
        has: list[Need] = [("equipment", e) for e in prefs.equipment]
        has += [("activity", a) for a in {*prefs.activities, *ALWAYS_OFFERED_ACTIVITIES}]
        if prefs.partner_available:
            has.append(_PARTNER)
        # Frozen dataclass: set the derived masks once, since selection reads them many times.
        object.__setattr__(self, "contra_bits", _bits(self.contra, _CONTRA_BIT))
        object.__setattr__(self, "lacks_bits", ~_bits(has, _NEED_BIT))


@dataclass(frozen=True, slots=True)
class Needs:
    """What an entry asks of a person, as bit masks (see Person)."""

    phases: frozenset[Phase]
    need_bits: int
    contra_bits: int
    only_bits: int
    ruled_out: frozenset[Contra]
    tags: frozenset[str]
    level: int
    alternative: bool


def _needs(entry: CatalogEntry) -> Needs:
    needs: list[Need] = [("equipment", e) for e in entry.equipment]
    if entry.needs_partner:
        needs.append(_PARTNER)
    if entry.activity is not None:
        needs.append(("activity", entry.activity))
    ruled_out = entry.ruled_out_by
    return Needs(
        phases=frozenset(entry.phases),
        need_bits=_bits(needs, _NEED_BIT),
        contra_bits=_bits(ruled_out, _CONTRA_BIT),
        only_bits=_bits(entry.only_for, _CONTRA_BIT),
        ruled_out=ruled_out,
        tags=frozenset(entry.tags),
        level=entry.level,
        alternative="alternative" in entry.tags,
    )


# Selection asks the same entries the same questions for every plan: answer the entry's side
# once (the catalog is immutable once loaded).
needs_of = ByIdentity(_needs)


def blocked_by(entry: CatalogEntry, person: Person) -> list[Contra]:
    """The person's codes that rule this entry out, its position's included (empty: it fits)."""
    return sorted(needs_of(entry).ruled_out & person.contra)


def fits(entry: CatalogEntry, person: Person) -> bool:
    """Safe, meant for this person, right phase, and possible with what they have."""
    needs = needs_of(entry)
    return person.phase in needs.phases and not (
        needs.contra_bits & person.contra_bits
        or needs.need_bits & person.lacks_bits
        or needs.only_bits & ~person.contra_bits
    )


@dataclass(frozen=True, slots=True)
class Pool:
    """One kind's entries for one phase, easiest first, and the picks already made from it.

    A pick depends only on the tag, the level cap, and those of the person's bits that some
    entry of the pool asks about; other bits cannot change it. So picks are remembered under
    that key: most people share it for most kinds (lessons, posture, advice need nothing).
    """

    entries: tuple[tuple[CatalogEntry, Needs], ...]
    contra_mask: int  # every code some entry of the pool is ruled out by or meant only for
    need_mask: int
    picks: dict[tuple[str | None, int, int, int, bool], tuple[CatalogEntry, ...]]


# Bounds the remembered picks per pool; past it, picks are worked out each time.
_PICKS_PER_POOL = 4096


def _pool(entries: tuple[tuple[CatalogEntry, Needs], ...]) -> Pool:
    contra_mask = need_mask = 0
    for _, needs in entries:
        contra_mask |= needs.contra_bits | needs.only_bits
        need_mask |= needs.need_bits
    return Pool(entries, contra_mask, need_mask, {})


def _pools(catalog: Catalog) -> dict[tuple[Kind | None, Phase], Pool]:
    """Each kind's entries (and all entries) for each phase, easiest first, with their needs."""
    return {
        (kind, phase): _pool(
            tuple(
                (entry, needs_of(entry))
                for entry in catalog.of_kind(kind)
                if phase in needs_of(entry).phases
            )
        )
        for kind in (None, *Kind)
        for phase in Phase
    }


pools_of = ByIdentity(_pools)


def pick(
    catalog: Catalog,
    person: Person,
    *,
    kind: Kind | None = None,
    tag: str | None = None,
    max_level: int = 5,
    alternatives_last: bool = False,
) -> list[CatalogEntry]:
    """Entries that fit, filtered by kind and tag, easiest first, then in catalog order.

    With ``alternatives_last``, seated and standing alternatives (tag "alternative") come after
    every usual entry, so a plan uses them only where the usual ones do not fit.
    """
    pool = pools_of(catalog)[kind, person.phase]
    contra = person.contra_bits & pool.contra_mask
    lacks = person.lacks_bits & pool.need_mask
    key = (tag, max_level, contra, lacks, alternatives_last)
    chosen = pool.picks.get(key)
    if chosen is None:
        fitting = [
            (entry, needs)
            for entry, needs in pool.entries
            if needs.level <= max_level
            and (tag is None or tag in needs.tags)
            # The same test as fits(), written out (only_bits lie inside the pool's mask).
            and not (
                needs.contra_bits & contra or needs.need_bits & lacks or needs.only_bits & ~contra
            )
        ]
        if alternatives_last:
            fitting.sort(key=lambda pair: pair[1].alternative)
        chosen = tuple(entry for entry, _ in fitting)
        if len(pool.picks) < _PICKS_PER_POOL:
            pool.picks[key] = chosen
    return list(chosen)


def excluded_for_safety(catalog: Catalog, person: Person) -> list[dict[str, str]]:
    """Entries of this phase left out for safety or for the person's mobility, with the reason."""
    return [dict(row) for row in _excluded(catalog, person.phase, person.contra)]


# How a mobility code reads in a reason, after "not possible with: ".
_MOBILITY_WORDS = {
    Contra.wheelchair_user: "a wheelchair most of the day (needs standing, walking or lying)",
    Contra.cannot_get_to_floor: "getting down to the floor being hard",
    Contra.balance_problems: "balance problems or falls (needs balance without support)",
}


@lru_cache(maxsize=2048)
def _excluded(
    catalog: Catalog, phase: Phase, contra: frozenset[Contra]
) -> tuple[dict[str, str], ...]:
    # Few distinct (phase, contraindication set) pairs occur, and the scan reads every entry.
    out = []
    contra_bits = _bits(contra, _CONTRA_BIT)
    for entry in catalog.values():
        if phase not in entry.phases or not needs_of(entry).contra_bits & contra_bits:
            continue
        codes = sorted(needs_of(entry).ruled_out & contra)
        safety = [c for c in codes if c not in _MOBILITY_WORDS]
        mobility = [_MOBILITY_WORDS[c] for c in codes if c in _MOBILITY_WORDS]
        reasons = []
        if safety:
            reasons.append("not safe with: " + ", ".join(c.value.replace("_", " ") for c in safety))
        if mobility:
            reasons.append("not possible with: " + ", ".join(mobility))
        out.append({"id": entry.id, "title": entry.title, "reason": "; ".join(reasons)})
    return tuple(out)
