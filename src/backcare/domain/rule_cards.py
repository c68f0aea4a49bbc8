"""Every rule of every family on one card: what it reads, when it holds, why, and its sources.

Red flags (RF-0xx, ``red_flags.yaml``) and referral rules (PR-0xx, ``referral_rules.yaml``)
are data in the one condition language; adaptation rules (AR-0xx, ``domain/adapt/rules.py``
with their numbers from ``adaptation.yaml``) are not yet. A card puts each in the same shape so
a newcomer (``backcare rules list`` / ``rules show ID``) can read any of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from backcare.domain.adapt.rules import RULES as ADAPTATION_RULES
from backcare.domain.knowledge.model import Knowledge


@dataclass(frozen=True, slots=True)
class RuleCard:
    id: str
    family: str
    name: str
    condition: str
    """The condition as written: the rule language for red flags, the rationale otherwise."""
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
            says=rule.words(values),
            rationale=rule.rationale.format_map(values),
            inputs=rule.inputs,
            sources=rule.references,
            defined_in="src/backcare/domain/adapt/rules.py, knowledge/adaptation.yaml",
            search_terms=(rule.id,),
        )
        for rule in ADAPTATION_RULES
    )
    referrals = tuple(
        RuleCard(
            id=rule.id,
            family="referral",
            name=f"{knowledge.catalog[rule.entry].title} ({rule.entry})"
            + (" (an option)" if rule.optional else ""),
            condition=json.dumps(rule.when, ensure_ascii=False),
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


def rule_card(knowledge: Knowledge, rule_id: str) -> RuleCard | None:
    wanted = rule_id.strip().upper()
    return next((card for card in rule_cards(knowledge) if card.id == wanted), None)
