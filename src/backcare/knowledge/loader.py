"""Load and cross-check the knowledge base shipped in the package (catalog, rules, sources).

This is the edge where files are read: it builds the domain's ``Knowledge`` (re-exported here,
where most callers have always imported it from) out of the YAML beside it.

Loading fails loudly, naming the file and entry, on anything inconsistent: an unknown reference
id, a progression to a missing item, a contraindication code outside the vocabulary, a rule whose
declared inputs differ from the facts its condition reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from backcare.domain.facts import NAMED_NUMBERS
from backcare.domain.facts_for_rules import FACT_NAMES, FROM_TRIAGE, REFERRAL_FACT_NAMES
from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.model import (
    CompiledNotRecommended,
    CompiledReferralRule,
    CompiledRule,
    Knowledge,
)
from backcare.domain.knowledge.routing import RoutingError, load_de_escalations, load_routes
from backcare.domain.knowledge.schema import (
    CatalogEntry,
    LevelAction,
    NotRecommended,
    RedFlagRule,
    Reference,
    ReferralRule,
)
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.logic import Compiler, ConditionError, Node
from backcare.domain.named_entries import entries_named_by_code
from backcare.domain.vocabulary import Kind
from backcare.knowledge.poses import PoseError, load_poses

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


__all__ = [
    "CompiledNotRecommended",
    "CompiledRule",
    "Knowledge",
    "KnowledgeError",
    "load_knowledge",
]


R = TypeVar("R", RedFlagRule, ReferralRule)


class KnowledgeError(ValueError):
    """The packaged knowledge is inconsistent; the message names the file and the entry."""


def load_knowledge() -> Knowledge:
    """Read and validate every knowledge file in the package."""
    root = resources.files("backcare.knowledge")
    refs = _references(_read(root.joinpath("references.yaml"), "references.yaml"))
    rules_doc = _read(root.joinpath("red_flags.yaml"), "red_flags.yaml")
    compiler = _compiler(rules_doc.get("define", {}), "red_flags.yaml")
    catalog = _catalog(
        (f"catalog/{item.name}", _read(item, item.name))
        for item in sorted(root.joinpath("catalog").iterdir(), key=lambda p: p.name)
        if item.name.endswith(".yaml")
    )
    _check_catalog(catalog, refs)
    _check_named_entries(catalog)
    rules = _rules(rules_doc.get("rules", []), compiler, refs)
    levels = _levels(rules_doc.get("levels", []))
    nr_doc = _read(root.joinpath("not_recommended.yaml"), "not_recommended.yaml")
    not_recommended = _not_recommended(nr_doc.get("entries", []), compiler, refs)
    version = f"rules-{rules_doc.get('version', 0)}/catalog-{len(catalog)}"
    rules_that_hold = compiler.combine([compiled.when for compiled in rules])
    rule_index = {compiled.rule.id: compiled for compiled in rules}
    try:
        routes = load_routes(rules_doc.get("routes", []), [c.rule for c in rules], catalog)
        de_escalations = load_de_escalations(
            rules_doc.get("de_escalations", []),
            rules_doc.get("define", {}),
            compiler,
            {rule_id: compiled.rule for rule_id, compiled in rule_index.items()},
        )
    except RoutingError as exc:
        raise KnowledgeError(f"red_flags.yaml {exc}") from exc
    referral_doc = _read(root.joinpath("referral_rules.yaml"), "referral_rules.yaml")
    referral_compiler = _compiler(
        referral_doc.get("define", {}), "referral_rules.yaml", REFERRAL_FACT_NAMES
    )
    referral_rules = _referral_rules(
        referral_doc.get("rules", []), referral_compiler, refs, catalog
    )
    thresholds = _thresholds(_read(root.joinpath("adaptation.yaml"), "adaptation.yaml"), refs)
    try:
        poses = load_poses(_read(root.joinpath("poses.yaml"), "poses.yaml"), catalog)
    except PoseError as exc:
        raise KnowledgeError(str(exc)) from exc
    return Knowledge(
        version=version,
        references=refs,
        catalog=Catalog(catalog),
        rules=rules,
        levels=levels,
        not_recommended=not_recommended,
        compiler=compiler,
        rules_that_hold=rules_that_hold,
        routes=routes,
        de_escalations=de_escalations,
        rule_index=rule_index,
        thresholds=thresholds,
        poses=poses,
        referral_rules=referral_rules,
        referrals_that_hold=referral_compiler.combine([c.when for c in referral_rules]),
        referral_reads=frozenset().union(*(c.when.facts for c in referral_rules)) - FROM_TRIAGE,
    )


def _read(path: Any, name: str) -> dict[str, Any]:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise KnowledgeError(f"{name}: expected a mapping at the top")
    return doc


def _validate(model: Any, raw: Any, where: str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise KnowledgeError(f"{where}: {exc}") from exc


def _references(doc: dict[str, Any]) -> dict[str, Reference]:
    refs: dict[str, Reference] = {}
    for raw in doc.get("references", []):
        ref = _validate(Reference, raw, f"references.yaml {raw.get('id')}")
        _unique(refs, ref.id, "references.yaml")
        refs[ref.id] = ref
    return refs


def _catalog(files: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, CatalogEntry]:
    catalog: dict[str, CatalogEntry] = {}
    for name, doc in files:
        for raw in doc.get("entries", []):
            entry = _validate(CatalogEntry, raw, f"{name} {raw.get('id')}")
            _unique(catalog, entry.id, name)
            catalog[entry.id] = entry
    return catalog


def _check_catalog(catalog: Mapping[str, CatalogEntry], refs: Mapping[str, Reference]) -> None:
    for entry in catalog.values():
        _known_refs(entry.evidence, refs, f"catalog {entry.id}")
        for other in (*entry.progression, *entry.regression):
            if other not in catalog:
                raise KnowledgeError(
                    f"catalog {entry.id}: progression/regression {other!r} unknown"
                )


def _check_named_entries(catalog: Mapping[str, CatalogEntry]) -> None:
    """Every entry a rule or the code names by id is in the catalog (fails loudly, not later)."""
    missing = {k: v for k, v in entries_named_by_code().items() if k not in catalog}
    if missing:
        named = "; ".join(f"{k!r} (named by {', '.join(v)})" for k, v in sorted(missing.items()))
        raise KnowledgeError(f"catalog: entries missing that the code names: {named}")


def _compiler(
    definitions: Mapping[str, Any], where: str, facts: frozenset[str] = FACT_NAMES
) -> Compiler:
    try:
        return Compiler(facts, definitions, NAMED_NUMBERS)
    except ConditionError as exc:
        raise KnowledgeError(f"{where} define: {exc}") from exc


def _rules(
    raws: list[Any], compiler: Compiler, refs: Mapping[str, Reference]
) -> tuple[CompiledRule, ...]:
    compiled = tuple(
        CompiledRule(rule, _condition(compiler, rule.when, rule.inputs, where))
        for rule, where in _checked(raws, RedFlagRule, "red_flags.yaml", refs)
    )
    codes = [c.rule.code for c in compiled]
    if len(codes) != len(set(codes)):
        raise KnowledgeError("red_flags.yaml: rule codes must be unique")
    return compiled


def _referral_rules(
    raws: list[Any],
    compiler: Compiler,
    refs: Mapping[str, Reference],
    catalog: Mapping[str, CatalogEntry],
) -> tuple[CompiledReferralRule, ...]:
    """Each referral rule checked: its sources, its inputs, and a referral entry to suggest."""
    compiled: list[CompiledReferralRule] = []
    for rule, where in _checked(raws, ReferralRule, "referral_rules.yaml", refs):
        entry = catalog.get(rule.entry)
        if entry is None or entry.kind != Kind.referral:
            raise KnowledgeError(f"{where}: {rule.entry!r} is not a referral entry in the catalog")
        when = _condition(compiler, rule.when, rule.inputs, where)
        compiled.append(CompiledReferralRule(rule, when))
    if not compiled:
        raise KnowledgeError("referral_rules.yaml: no rules")
    return tuple(compiled)


def _checked(
    raws: list[Any], model: type[R], file: str, refs: Mapping[str, Reference]
) -> Iterator[tuple[R, str]]:
    """Each rule of a file validated, its id unique and its sources known, with where it is."""
    seen: dict[str, R] = {}
    for raw in raws:
        named = raw.get("id") if isinstance(raw, dict) else repr(raw)
        rule: R = _validate(model, raw, f"{file} {named}")
        where = f"{file} {rule.id}"
        _unique(seen, rule.id, file)
        seen[rule.id] = rule
        _known_refs(rule.sources, refs, where)
        yield rule, where


def _levels(raws: list[Any]) -> dict[str, LevelAction]:
    levels = [_validate(LevelAction, raw, "red_flags.yaml levels") for raw in raws]
    return {action.level.value: action for action in levels}


def _not_recommended(
    raws: list[Any], compiler: Compiler, refs: Mapping[str, Reference]
) -> tuple[CompiledNotRecommended, ...]:
    out: dict[str, CompiledNotRecommended] = {}
    for raw in raws:
        entry: NotRecommended = _validate(NotRecommended, raw, f"not_recommended {raw.get('id')}")
        where = f"not_recommended.yaml {entry.id}"
        _unique(out, entry.id, "not_recommended.yaml")
        _known_refs(entry.evidence, refs, where)
        when = None if entry.applies_when is None else _compile(compiler, entry.applies_when, where)
        out[entry.id] = CompiledNotRecommended(entry, when)
    return tuple(out.values())


def _thresholds(doc: dict[str, Any], refs: Mapping[str, Reference]) -> Thresholds:
    thresholds: Thresholds = _validate(Thresholds, doc.get("thresholds"), "adaptation.yaml")
    _known_refs(thresholds.sources(), refs, "adaptation.yaml")
    return thresholds


def _compile(compiler: Compiler, raw: Any, where: str) -> Node:
    try:
        return compiler.compile(raw)
    except ConditionError as exc:
        raise KnowledgeError(f"{where}: {exc}") from exc


def _condition(compiler: Compiler, raw: Any, inputs: Iterable[str], where: str) -> Node:
    """A rule's condition, compiled, reading exactly the inputs the rule declares."""
    when = _compile(compiler, raw, where)
    if set(inputs) != when.facts:
        raise KnowledgeError(
            f"{where}: declared inputs {sorted(inputs)} differ from the facts the "
            f"condition reads {sorted(when.facts)}"
        )
    return when


def _known_refs(ids: Iterable[str], refs: Mapping[str, Reference], where: str) -> None:
    missing = sorted(set(ids) - set(refs))
    if missing:
        raise KnowledgeError(f"{where}: unknown reference ids {missing}")


def _unique(seen: Mapping[str, Any], key: str, where: str) -> None:
    if key in seen:
        raise KnowledgeError(f"{where}: duplicate id {key!r}")
