"""Move timetabled items one step along their catalog chains (progression or regression)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from backcare.domain.adapt.replan import Draft, Fit, coverage, fit
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.compose import Choice
from backcare.domain.plan.eligibility import Person, blocked_by, fits
from backcare.domain.plan_model import PlanItem

Direction = Literal["progression", "regression"]
Step = tuple[CatalogEntry, CatalogEntry]


def next_step(
    entry: CatalogEntry,
    draft: Draft,
    person: Person,
    catalog: Mapping[str, CatalogEntry],
    direction: Direction,
) -> CatalogEntry | None:
    """The first entry along the chain that is safe, fits the person and is not planned yet."""
    present = {part.id if isinstance(part, PlanItem) else part.entry.id for part in draft}
    for target_id in getattr(entry, direction):
        target = catalog.get(target_id)
        if target is not None and target_id not in present and fits(target, person):
            return target
    return None


def step(
    draft: Draft,
    person: Person,
    catalog: Mapping[str, CatalogEntry],
    how: Fit,
    direction: Direction,
) -> tuple[Draft, list[Step]]:
    """Each timed item one step along its chain, in plan order, where the step is safe."""
    # A step is kept only if the week still holds every item on at least as many days as
    # before: a harder exercise that pushes another one out of the week is not progress.
    before = coverage(draft, fit(draft, how))
    moved: list[Step] = []
    for index, part in enumerate(draft):
        if not isinstance(part, Choice):
            continue
        target = next_step(part.entry, draft, person, catalog, direction)
        if target is None:
            continue
        trial = [*draft[:index], part._replace(entry=target), *draft[index + 1 :]]
        after = coverage(trial, fit(trial, how))
        if all(now >= then for now, then in zip(after, before, strict=True)):
            draft = trial
            moved.append((part.entry, target))
    return draft, moved


def unblock(
    draft: Draft, person: Person, catalog: Mapping[str, CatalogEntry]
) -> tuple[Draft, list[tuple[CatalogEntry, CatalogEntry | None]]]:
    """Items the person's answers now rule out: a safe easier version instead, or left out."""
    kept: Draft = []
    swapped: list[tuple[CatalogEntry, CatalogEntry | None]] = []
    for part in draft:
        entry = catalog[part.id] if isinstance(part, PlanItem) else part.entry
        if not blocked_by(entry, person):
            kept.append(part)
            continue
        easier = None
        if isinstance(part, Choice):
            easier = next_step(entry, draft, person, catalog, "regression")
            if easier is not None:
                kept.append(part._replace(entry=easier))
        swapped.append((entry, easier))
    return kept, swapped
