"""Routes (who a rule sends the person to) and de-escalations, loaded and cross-checked.

Both live in ``red_flags.yaml``. A route gives the words of the instruction when every top-level
rule that fired names its target (the maternity unit for pregnancy warning signs). A
de-escalation lets a higher rule stand down for a lower one when every part of a named pattern
holds; the parts are compiled one by one so that the clinician view can say which held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from backcare.domain.knowledge.schema import (
    CatalogEntry,
    DeEscalation,
    LevelAction,
    RedFlagRule,
    Route,
)
from backcare.domain.logic import Compiler, ConditionError, Node
from backcare.domain.vocabulary import Kind, Level, Target


class RoutingError(ValueError):
    """A route or de-escalation disagrees with the rules or the catalog."""


@dataclass(frozen=True, slots=True)
class CompiledRoute:
    route: Route
    by_level: Mapping[Level, LevelAction]


@dataclass(frozen=True, slots=True)
class Part:
    """One named part of a de-escalation pattern, with its words for a clinician."""

    name: str
    words: str
    holds: Node


@dataclass(frozen=True, slots=True)
class CompiledDeEscalation:
    entry: DeEscalation
    parts: tuple[Part, ...]


def load_routes(
    raws: Iterable[Any], rules: Sequence[RedFlagRule], catalog: Mapping[str, CatalogEntry]
) -> dict[Target, CompiledRoute]:
    """Every route, checked against the catalog and against each rule that names a target."""
    routes: dict[Target, CompiledRoute] = {}
    for raw in raws:
        route: Route = _validate(Route, raw, f"route {raw!r}")
        if route.target in routes:
            raise RoutingError(f"routes: duplicate target {route.target.value!r}")
        entry = catalog.get(route.referral)
        if entry is None or entry.kind != Kind.referral or entry.target != route.target:
            raise RoutingError(
                f"route {route.target.value}: {route.referral!r} must be a catalog referral to "
                f"{route.target.value}"
            )
        routes[route.target] = CompiledRoute(route, {a.level: a for a in route.levels})
    for rule in rules:
        if rule.refer_to is None:
            continue
        compiled = routes.get(rule.refer_to)
        if compiled is None or rule.level not in compiled.by_level:
            raise RoutingError(
                f"{rule.id}: refers to {rule.refer_to.value} at {rule.level.value}, but no route "
                "gives words for that level"
            )
    return routes


def load_de_escalations(
    raws: Iterable[Any],
    definitions: Mapping[str, Any],
    compiler: Compiler,
    rules: Mapping[str, RedFlagRule],
) -> tuple[CompiledDeEscalation, ...]:
    """Each de-escalation, checked against the rules' conditions and the shared definitions."""
    out: list[CompiledDeEscalation] = []
    for raw in raws:
        entry: DeEscalation = _validate(DeEscalation, raw, f"de-escalation {raw!r}")
        where = f"de-escalation {entry.rule} -> {entry.instead}"
        higher, lower = rules.get(entry.rule), rules.get(entry.instead)
        if higher is None or lower is None:
            raise RoutingError(f"{where}: unknown rule id")
        if lower.level.rank >= higher.level.rank:
            raise RoutingError(f"{where}: the rule it stands down for must be more urgent")
        if lower.when != entry.pattern:
            raise RoutingError(f"{where}: {entry.instead} must fire exactly on {entry.pattern}")
        if {"not": entry.pattern} not in _conjuncts(higher.when):
            raise RoutingError(f"{where}: {entry.rule} must exclude {entry.pattern}")
        names = _pattern_parts(definitions.get(entry.pattern), where)
        if set(names) != set(entry.parts):
            raise RoutingError(f"{where}: parts must name {names} exactly")
        parts = [Part(name, entry.parts[name], _compile(compiler, name, where)) for name in names]
        out.append(CompiledDeEscalation(entry, tuple(parts)))
    return tuple(out)


def instruction(
    levels: Mapping[str, LevelAction],
    routes: Mapping[Target, CompiledRoute],
    level: Level,
    fired: Sequence[RedFlagRule],
) -> LevelAction:
    """What to do at this level: a route's words when every top-level rule names its target."""
    usual = levels[level.value]
    targets = [r.refer_to for r in fired if r.refer_to is not None and r.escalates]
    if not targets:
        return usual
    top = [r.refer_to for r in fired if r.escalates and r.level == level]
    first = top[0] if top else None
    if first is not None and all(target == first for target in top):
        return routes[first].by_level[level]
    extra = " ".join(routes[t].route.also for t in dict.fromkeys(targets))
    return usual.model_copy(update={"action": f"{usual.action} {extra}"})


def _conjuncts(when: Any) -> list[Any]:
    if isinstance(when, dict) and set(when) == {"all"} and isinstance(when["all"], list):
        return list(when["all"])
    return [when]


def _pattern_parts(raw: Any, where: str) -> list[str]:
    parts = _conjuncts(raw)
    if raw is None or not all(isinstance(p, str) for p in parts):
        raise RoutingError(f"{where}: the pattern must be defined as all: [named parts]")
    return [str(p) for p in parts]


def _compile(compiler: Compiler, raw: Any, where: str) -> Node:
    try:
        return compiler.compile(raw)
    except ConditionError as exc:
        raise RoutingError(f"{where}: {exc}") from exc


def _validate(model: Any, raw: Any, where: str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RoutingError(f"{where}: {exc}") from exc
