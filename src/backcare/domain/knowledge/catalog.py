"""The catalog as a read-only mapping with an index by kind, built once at load."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.vocabulary import Kind


class Catalog(Mapping[str, CatalogEntry]):
    """Entries by id, plus each kind's entries easiest first (catalog order within a level)."""

    def __init__(self, entries: Mapping[str, CatalogEntry]) -> None:
        self._entries = dict(entries)
        ordered = sorted(self._entries.values(), key=lambda entry: entry.level)
        self._by_kind = {kind: tuple(e for e in ordered if e.kind == kind) for kind in Kind}
        self._ordered = tuple(ordered)

    def __getitem__(self, key: str) -> CatalogEntry:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    # A loaded catalog never changes, so identity is equality; this also makes it a cache key.
    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def of_kind(self, kind: Kind | None) -> tuple[CatalogEntry, ...]:
        """Entries of one kind (or all), easiest first; the plan picks from the front."""
        return self._ordered if kind is None else self._by_kind[kind]
