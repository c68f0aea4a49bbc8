"""A catalog entry chosen for a plan, and where it sits in the week."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from backcare.domain.knowledge.schema import CatalogEntry


class Slot(StrEnum):
    """Where an item sits in the week."""

    daily = "daily"
    session = "session"
    aerobic = "aerobic"
    relax = "relax"
    hands_on = "hands_on"
    routine = "routine"
    as_needed = "as_needed"


class Choice(NamedTuple):
    """An entry chosen for the plan, where it goes in the week, and why (a tuple: made often)."""

    entry: CatalogEntry
    slot: Slot
    why: str


def unique(entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """Entries without repeats, first occurrence kept (entries are compared by id)."""
    seen: dict[str, CatalogEntry] = {}
    for entry in entries:
        seen.setdefault(entry.id, entry)
    return list(seen.values())
