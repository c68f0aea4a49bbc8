"""Every rule of every family on one card: what it reads, when it holds, why, and its sources.

Red flags (RF-0xx, ``red_flags.yaml``) and referral rules (PR-0xx, ``referral_rules.yaml``)
are data in the one condition language; adaptation rules (AR-0xx, ``domain/adapt/rules.py``
with their numbers from ``adaptation.yaml``) are not yet. A card puts each in the same shape so
a newcomer (``backcare rules list`` / ``rules show ID``) can read any of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backcare.domain.adapt.rules import RULES as ADAPTATION_RULES
from backcare.domain.knowledge.model import Knowledge


@dataclass(frozen=True, slots=True)
class RuleCard:
    id: str
    family: str
    name: str
    condition: str
    """The condition as written: the rule language for red flags and referral rules, the
    rationale for adaptation rules."""
    definitions: tuple[tuple[str, str], ...]
    """The file's shared definitions (``define:``) the condition uses: name, as written."""
    says: str
    """What the person is told."""
    rationale: str
    inputs: tuple[str, ...]
    sources: tuple[str, ...]
    defined_in: str
    search_terms: tuple[str, ...]
    """What cases and tests name the rule by: its id, and for a red flag its code."""


def rule_cards(knowledge: Knowledge) -> tuple[RuleCard, ...]:
    """Every rule of the three families, red flags first, each in its file order."""
    values = knowledge.thresholds.values()
    red_flags = tuple(
        RuleCard(
            id=rule.id,
            family="red flag",
            name=f"{rule.label} ({rule.level.value})",
            condition=json.dumps(rule.when, ensure_ascii=False),
            definitions=_used(rule.when, knowledge.compiler.definitions),
            says=rule.reason,
            rationale=rule.rationale,
            inputs=tuple(rule.inputs),
            sources=tuple(rule.evidence),
            defined_in="src/backcare/knowledge/red_flags.yaml",
            search_terms=(rule.id, rule.code),
        )
        for rule in (compiled.rule for compiled in knowledge.rules)
    )
    adaptation = tuple(
        RuleCard(
            id=rule.id,
            family="adaptation",
            name=rule.name,
            condition=rule.rationale.format_map(values),
            definitions=(),
            says=rule.words(values),
            rationale=rule.rationale.format_map(values),
            inputs=rule.inputs,
            sources=rule.references,
            defined_in="src/backcare/domain/adapt/rules.py, knowledge/adaptation.yaml",
            search_terms=(rule.id,),
        )
        for rule in ADAPTATION_RULES
    )
    definitions = _referral_definitions(knowledge)
    referrals = tuple(
        RuleCard(
            id=rule.id,
            family="referral",
            name=f"{knowledge.catalog[rule.entry].title} ({rule.entry})"
            + (" (an option)" if rule.optional else ""),
            condition=json.dumps(rule.when, ensure_ascii=False),
            definitions=_used(rule.when, definitions),
            says=rule.why,
            rationale=rule.rationale,
            inputs=tuple(rule.inputs),
            sources=tuple(rule.sources),
            defined_in="src/backcare/knowledge/referral_rules.yaml",
            search_terms=(rule.id,),
        )
        for rule in (compiled.rule for compiled in knowledge.referral_rules)
    )
    return red_flags + adaptation + referrals


def _referral_definitions(knowledge: Knowledge) -> Mapping[str, Any]:
    rules = knowledge.referral_rules
    return rules[0].when.compiler.definitions if rules else {}


def _used(raw: Any, definitions: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Each shared definition the condition uses, directly or through another, as written."""
    used: dict[str, Any] = {}
    _collect(raw, definitions, used)
    return tuple((name, json.dumps(body, ensure_ascii=False)) for name, body in used.items())


def _collect(raw: Any, definitions: Mapping[str, Any], used: dict[str, Any]) -> None:
    if isinstance(raw, str):
        if raw in definitions and raw not in used:
            used[raw] = definitions[raw]
            _collect(definitions[raw], definitions, used)
    elif isinstance(raw, dict):
        for value in raw.values():
            _collect(value, definitions, used)
    elif isinstance(raw, list):
        for value in raw:
            _collect(value, definitions, used)


def rule_card(knowledge: Knowledge, rule_id: str) -> RuleCard | None:
    wanted = rule_id.strip().upper()
    return next((card for card in rule_cards(knowledge) if card.id == wanted), None)
