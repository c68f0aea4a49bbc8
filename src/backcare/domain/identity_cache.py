"""Values derived once from immutable knowledge objects, remembered by object identity.

Catalog entries are frozen pydantic models holding lists, so they cannot be hashed; their
object id can. Each slot keeps the object itself, which stops its id from being reused while
the slot lives, and the check ``held is obj`` guards against a stale slot all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Only a process that reloads the knowledge many times (the test suite) ever reaches the cap.
DEFAULT_CAP = 8192


class ByIdentity(Generic[K, V]):
    """``make(obj)``, computed once per object while the object lives."""

    __slots__ = ("_cap", "_make", "_table")

    def __init__(self, make: Callable[[K], V], cap: int = DEFAULT_CAP) -> None:
        self._make = make
        self._cap = cap
        self._table: dict[int, tuple[K, V]] = {}

    def __call__(self, obj: K) -> V:
        held = self._table.get(id(obj))
        if held is not None and held[0] is obj:
            return held[1]
        value = self._make(obj)
        if len(self._table) >= self._cap:
            self._table.clear()
        self._table[id(obj)] = (obj, value)
        return value
