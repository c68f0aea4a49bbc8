"""The reference evaluator of the condition language: a plain recursive interpreter.

This is what a condition means (the forms are in ``domain/logic.py``). Production runs the
compiled functions of ``logic.Compiler``, an accelerator: tests check that the two agree on
random conditions with random facts and on every rule of the knowledge with random intakes.
Conditions reach it already checked by the compiler (known facts, well-formed operators), so
it does not check them again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # logic.py imports this module: its Node can read itself here
    from backcare.domain.logic import Facts

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}


def interpret(
    raw: Any,
    facts: Facts,
    definitions: Mapping[str, Any] | None = None,
    numbers: Mapping[str, float] | None = None,
) -> bool:
    """Whether the condition holds for these facts, read straight from its YAML form."""
    return _Reader(definitions or {}, numbers or {}).holds(raw, facts)


class _Reader:
    def __init__(self, definitions: Mapping[str, Any], numbers: Mapping[str, float]) -> None:
        self._definitions = definitions
        self._numbers = numbers

    def holds(self, raw: Any, facts: Facts) -> bool:
        if isinstance(raw, str):
            if raw in self._definitions:
                return self.holds(self._definitions[raw], facts)
            return bool(facts.get(raw))
        if "at_least" in raw:
            return bool(sum(self.holds(part, facts) for part in raw["of"]) >= raw["at_least"])
        ((op, arg),) = raw.items()
        if op == "not":
            return not self.holds(arg, facts)
        if op == "all":
            return all(self.holds(part, facts) for part in arg)
        if op == "any":
            return any(self.holds(part, facts) for part in arg)
        name, value = arg
        actual = facts.get(name)
        if op == "is":
            return bool(actual == value)
        if op == "in":
            return actual in value
        if op == "has":
            return isinstance(actual, frozenset) and value in actual
        # A comparison: the number may be a named clinical cut-off; a missing or non-numeric
        # fact never satisfies it.
        number = self._numbers.get(value, value) if isinstance(value, str) else value
        if isinstance(actual, bool) or not isinstance(actual, int | float):
            return False
        return bool(_ORDER[op](actual, number))
