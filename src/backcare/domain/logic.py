"""A tiny, total condition language for rules kept as data.

Conditions are written in YAML and compiled once, at load, into small immutable nodes. Every
name a condition uses is checked against the known facts then, so evaluating a compiled
condition never raises: a rule either fires or it does not.

Forms:
  fever                          the fact is true (or a non-empty list, or a non-zero number)
  {not: C}  {all: [C...]}  {any: [C...]}  {at_least: N, of: [C...]}
  {is: [fact, value]}            equality          {in: [fact, [values]]}
  {has: [fact, value]}           list fact contains value
  {gt|ge|lt|le: [fact, number]}  comparison (a missing number never satisfies it)
  a name from ``define:``        a shared sub-condition
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

FactValue = bool | int | float | str | frozenset[str] | None
Facts = Mapping[str, FactValue]


class ConditionError(ValueError):
    """A condition in the knowledge data is malformed: raised at load, never at evaluation."""


@dataclass(frozen=True, slots=True)
class Node:
    """A compiled condition."""

    test: Callable[[Facts], bool]
    facts: frozenset[str]

    def __call__(self, facts: Facts) -> bool:
        return self.test(facts)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}


class Compiler:
    """Compiles YAML conditions against a fixed set of fact names and shared definitions."""

    def __init__(self, fact_names: frozenset[str], definitions: Mapping[str, Any]) -> None:
        self._facts = fact_names
        self._raw = dict(definitions)
        self._defs: dict[str, Node] = {}
        clash = self._facts & set(self._raw)
        if clash:
            raise ConditionError(f"definitions shadow facts: {sorted(clash)}")
        for name in self._raw:
            self._define(name, ())

    def compile(self, raw: Any) -> Node:
        """Compile one condition; raises ConditionError naming what is wrong."""
        return self._compile(raw, ())

    def _define(self, name: str, stack: tuple[str, ...]) -> Node:
        if name in stack:
            raise ConditionError(f"definition cycle: {' -> '.join((*stack, name))}")
        if name not in self._defs:
            self._defs[name] = self._compile(self._raw[name], (*stack, name))
        return self._defs[name]

    def _compile(self, raw: Any, stack: tuple[str, ...]) -> Node:
        if isinstance(raw, str):
            return self._name(raw, stack)
        if not isinstance(raw, dict) or not raw:
            raise ConditionError(f"a condition is a name or a mapping, not {raw!r}")
        if "at_least" in raw:
            return self._at_least(raw, stack)
        if len(raw) != 1:
            raise ConditionError(f"one operator per mapping, got {sorted(raw)}")
        ((op, arg),) = raw.items()
        return self._operator(op, arg, stack)

    def _operator(self, op: str, arg: Any, stack: tuple[str, ...]) -> Node:
        if op == "not":
            inner = self._compile(arg, stack)
            return Node(lambda f: not inner(f), inner.facts)
        if op in ("all", "any"):
            parts = self._list(arg, stack)
            join = all if op == "all" else any
            return Node(lambda f: join(p(f) for p in parts), _union(parts))
        if op in ("is", "in", "has") or op in _COMPARE:
            return self._comparison(op, arg)
        raise ConditionError(f"unknown operator {op!r}")

    def _at_least(self, raw: dict[str, Any], stack: tuple[str, ...]) -> Node:
        if set(raw) != {"at_least", "of"} or not isinstance(raw["at_least"], int):
            raise ConditionError(f"at_least needs a whole number and 'of', got {raw!r}")
        need, parts = raw["at_least"], self._list(raw["of"], stack)
        return Node(lambda f: sum(p(f) for p in parts) >= need, _union(parts))

    def _list(self, arg: Any, stack: tuple[str, ...]) -> tuple[Node, ...]:
        if not isinstance(arg, list) or not arg:
            raise ConditionError(f"expected a non-empty list of conditions, got {arg!r}")
        return tuple(self._compile(item, stack) for item in arg)

    def _name(self, name: str, stack: tuple[str, ...]) -> Node:
        if name in self._raw:
            return self._define(name, stack)
        self._known(name)
        return Node(lambda f: bool(f.get(name)), frozenset({name}))

    def _comparison(self, op: str, arg: Any) -> Node:
        if not isinstance(arg, list) or len(arg) != 2 or not isinstance(arg[0], str):
            raise ConditionError(f"{op} takes [fact, value], got {arg!r}")
        name, value = arg
        self._known(name)
        used = frozenset({name})
        if op == "is":
            return Node(lambda f: f.get(name) == value, used)
        if op == "in":
            if not isinstance(value, list):
                raise ConditionError(f"in takes [fact, [values]], got {arg!r}")
            options = frozenset(value)
            return Node(lambda f: f.get(name) in options, used)
        if op == "has":
            return Node(lambda f: _contains(f.get(name), value), used)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"{op} compares with a number, got {value!r}")
        compare = _COMPARE[op]
        return Node(lambda f: _number(f.get(name), compare, value), used)

    def _known(self, name: str) -> None:
        if name not in self._facts:
            raise ConditionError(f"unknown fact or definition {name!r}")


def _union(parts: tuple[Node, ...]) -> frozenset[str]:
    return frozenset().union(*(p.facts for p in parts))


def _contains(container: FactValue, value: Any) -> bool:
    return isinstance(container, frozenset) and value in container


def _number(actual: FactValue, compare: Callable[[Any, Any], bool], value: float) -> bool:
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    return compare(actual, value)
