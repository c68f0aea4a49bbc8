"""A tiny, total condition language for rules kept as data.

Conditions are written in YAML and compiled once, at load. Every name a condition uses is
checked against the known facts then, so evaluating a compiled condition never raises: a rule
either fires or it does not.

Each condition becomes one small Python function, and a rule set can become one function
that reads each fact once (``combine``): triage runs every rule for every plan, and a tree of
closures cost several calls per operator. The generated source holds only operators,
parentheses and names the compiler made up; every value from the YAML (fact names, strings,
numbers, lists) is passed in as a constant, never written into the source, and the functions
run without builtins. ``domain/logic_reference.py`` is the reference evaluator, a plain
interpreter of the same forms: the compiled functions are an accelerator, and tests check them
against it (``Node.reference``).

Forms:
  fever                          the fact is true (or a non-empty list, or a non-zero number)
  {not: C}  {all: [C...]}  {any: [C...]}  {at_least: N, of: [C...]}
  {is: [fact, value]}            equality          {in: [fact, [values]]}
  {has: [fact, value]}           list fact contains value
  {gt|ge|lt|le: [fact, number]}  comparison (a missing number never satisfies it); the number
                                 may be a name from ``numbers`` (a clinical cut-off the code
                                 also uses, so it is written once)
  a name from ``define:``        a shared sub-condition
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from backcare.domain.logic_reference import interpret

FactValue = bool | int | float | str | frozenset[str] | None
Facts = Mapping[str, FactValue]


class ConditionError(ValueError):
    """A condition in the knowledge data is malformed: raised at load, never at evaluation."""


@dataclass(frozen=True, slots=True)
class _Expr:
    """A condition as a Python expression over fact locals (``f3``) and constants (``k7``)."""

    source: str
    facts: frozenset[str]


@dataclass(frozen=True, slots=True)
class Node:
    """A compiled condition."""

    test: Callable[[Facts], bool]
    facts: frozenset[str]
    expr: _Expr
    compiler: Compiler
    raw: Any
    """The condition as written, for the reference evaluator."""

    def __call__(self, facts: Facts) -> bool:
        return self.test(facts)

    def reference(self, facts: Facts) -> bool:
        """What the condition means for these facts, by the plain interpreter (slower)."""
        return interpret(self.raw, facts, self.compiler.definitions, self.compiler.numbers)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}


class Compiler:
    """Compiles YAML conditions against a fixed set of fact names and shared definitions."""

    def __init__(
        self,
        fact_names: frozenset[str],
        definitions: Mapping[str, Any],
        numbers: Mapping[str, float] | None = None,
    ) -> None:
        self._facts = fact_names
        self._numbers = dict(numbers or {})
        self._raw = dict(definitions)
        self._defs: dict[str, _Expr] = {}
        # The generated functions' globals: the helpers, then one entry per constant.
        self._scope: dict[str, Any] = {
            "__builtins__": {},
            "_contains": _contains,
            "_number": _number,
        }
        self._locals: dict[str, str] = {}  # fact name -> the local that holds its value
        clash = self._facts & set(self._raw)
        if clash:
            raise ConditionError(f"definitions shadow facts: {sorted(clash)}")
        for name in self._raw:
            self._define(name, ())

    @property
    def definitions(self) -> Mapping[str, Any]:
        """The shared sub-conditions, as written."""
        return self._raw

    @property
    def numbers(self) -> Mapping[str, float]:
        """The named numbers a comparison may use."""
        return self._numbers

    def compile(self, raw: Any) -> Node:
        """Compile one condition; raises ConditionError naming what is wrong."""
        expr = self._compile(raw, ())
        test = self._function(expr.facts, [f"return True if {expr.source} else False"])
        return Node(test, expr.facts, expr, self, raw)

    def combine(self, nodes: Sequence[Node]) -> Callable[[Facts], list[int]]:
        """One function giving the positions of the conditions that hold, reading each fact once.

        Triage asks every rule of the set for every intake, so the set is evaluated as one.
        """
        if any(node.compiler is not self for node in nodes):
            raise ConditionError("conditions from another compiler cannot be combined")
        body = [f"if {node.expr.source}: out.append({n})" for n, node in enumerate(nodes)]
        facts = frozenset().union(*(node.facts for node in nodes))
        return cast(
            Callable[[Facts], list[int]],
            self._function(facts, ["out = []", *body, "return out"]),
        )

    def _function(self, facts: frozenset[str], body: list[str]) -> Callable[[Facts], Any]:
        lines = ["def condition(f):", "    g = f.get"]
        lines += [f"    {self._locals[name]} = g({self._constant(name)})" for name in sorted(facts)]
        lines += [f"    {line}" for line in body]
        namespace: dict[str, Callable[[Facts], Any]] = {}
        exec(compile("\n".join(lines) + "\n", "<condition>", "exec"), self._scope, namespace)
        return namespace["condition"]

    def _fact(self, name: str) -> str:
        self._known(name)
        return self._locals.setdefault(name, f"f{len(self._locals)}")

    def _constant(self, value: Any) -> str:
        name = f"k{len(self._scope)}"
        self._scope[name] = value
        return name

    def _define(self, name: str, stack: tuple[str, ...]) -> _Expr:
        if name in stack:
            raise ConditionError(f"definition cycle: {' -> '.join((*stack, name))}")
        if name not in self._defs:
            self._defs[name] = self._compile(self._raw[name], (*stack, name))
        return self._defs[name]

    def _compile(self, raw: Any, stack: tuple[str, ...]) -> _Expr:
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

    def _operator(self, op: str, arg: Any, stack: tuple[str, ...]) -> _Expr:
        if op == "not":
            inner = self._compile(arg, stack)
            return _Expr(f"(not {inner.source})", inner.facts)
        if op in ("all", "any"):
            parts = self._list(arg, stack)
            join = " and " if op == "all" else " or "
            return _Expr(f"({join.join(p.source for p in parts)})", _union(parts))
        if op in ("is", "in", "has") or op in _COMPARE:
            return self._comparison(op, arg)
        raise ConditionError(f"unknown operator {op!r}")

    def _at_least(self, raw: dict[str, Any], stack: tuple[str, ...]) -> _Expr:
        need = raw.get("at_least")
        if set(raw) != {"at_least", "of"} or isinstance(need, bool) or not isinstance(need, int):
            raise ConditionError(f"at_least needs a whole number and 'of', got {raw!r}")
        parts = self._list(raw["of"], stack)
        count = " + ".join(f"(1 if {p.source} else 0)" for p in parts)
        return _Expr(f"({count} >= {self._constant(need)})", _union(parts))

    def _list(self, arg: Any, stack: tuple[str, ...]) -> tuple[_Expr, ...]:
        if not isinstance(arg, list) or not arg:
            raise ConditionError(f"expected a non-empty list of conditions, got {arg!r}")
        return tuple(self._compile(item, stack) for item in arg)

    def _name(self, name: str, stack: tuple[str, ...]) -> _Expr:
        if name in self._raw:
            return self._define(name, stack)
        return _Expr(self._fact(name), frozenset({name}))

    def _comparison(self, op: str, arg: Any) -> _Expr:
        if not isinstance(arg, list) or len(arg) != 2 or not isinstance(arg[0], str):
            raise ConditionError(f"{op} takes [fact, value], got {arg!r}")
        name, value = arg
        fact = self._fact(name)
        used = frozenset({name})
        if op == "is":
            return _Expr(f"({fact} == {self._constant(value)})", used)
        if op == "in":
            if not isinstance(value, list):
                raise ConditionError(f"in takes [fact, [values]], got {arg!r}")
            try:
                options = frozenset(value)
            except TypeError:
                raise ConditionError(f"in takes plain values, got {arg!r}") from None
            return _Expr(f"({fact} in {self._constant(options)})", used)
        if op == "has":
            return _Expr(f"_contains({fact}, {self._constant(value)})", used)
        if isinstance(value, str) and value in self._numbers:
            value = self._numbers[value]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"{op} compares with a number, got {value!r}")
        compare = self._constant(_COMPARE[op])
        return _Expr(f"_number({fact}, {compare}, {self._constant(value)})", used)

    def _known(self, name: str) -> None:
        if name not in self._facts:
            raise ConditionError(f"unknown fact or definition {name!r}")


def _union(parts: tuple[_Expr, ...]) -> frozenset[str]:
    return frozenset().union(*(p.facts for p in parts))


def _contains(container: FactValue, value: Any) -> bool:
    return isinstance(container, frozenset) and value in container


def _number(actual: FactValue, compare: Callable[[Any, Any], bool], value: float) -> bool:
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    return compare(actual, value)
