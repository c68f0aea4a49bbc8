"""The ``Knowledge`` object: everything the clinical engine reads, built once at load."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.routing import CompiledDeEscalation, CompiledRoute, instruction
from backcare.domain.knowledge.schema import (
    LevelAction,
    NotRecommended,
    RedFlagRule,
    Reference,
    ReferralRule,
)
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.domain.logic import Compiler, Facts, Node
from backcare.domain.vocabulary import Level, Target
from backcare.pictures.pose import EntryPoses


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: RedFlagRule
    when: Node


@dataclass(frozen=True, slots=True)
class CompiledNotRecommended:
    entry: NotRecommended
    when: Node | None


@dataclass(frozen=True, slots=True)
class CompiledReferralRule:
    rule: ReferralRule
    when: Node


@dataclass(frozen=True, slots=True, repr=False)
class Knowledge:
    """Everything the clinical engine reads: passed in, never imported as a global."""

    version: str
    references: Mapping[str, Reference]
    catalog: Catalog
    rules: tuple[CompiledRule, ...]
    levels: Mapping[str, LevelAction]
    not_recommended: tuple[CompiledNotRecommended, ...]
    compiler: Compiler
    # Every rule's condition as one function (Compiler.combine): positions in ``rules``.
    rules_that_hold: Callable[[Facts], list[int]]
    routes: Mapping[Target, CompiledRoute]
    de_escalations: tuple[CompiledDeEscalation, ...]
    rule_index: Mapping[str, CompiledRule]
    thresholds: Thresholds
    """The adaptation rules' numbers (adaptation.yaml), each with its reason and sources."""
    poses: Mapping[str, EntryPoses]
    """Start and end pose of every exercise, stretch, mobility and massage entry, by id."""
    referral_rules: tuple[CompiledReferralRule, ...]
    """The referral rules PR-0xx (referral_rules.yaml), in file order."""
    referrals_that_hold: Callable[[Facts], list[int]]
    """Every referral rule's condition as one function: positions in ``referral_rules``."""
    referral_reads: frozenset[str]
    """The red flags' facts some referral rule reads (the others come from the triage)."""

    def __repr__(self) -> str:
        return f"Knowledge({self.version!r})"

    def fired(self, facts: Facts) -> list[RedFlagRule]:
        """The red-flag rules whose condition holds for these facts, in file order."""
        rules = self.rules
        return [rules[n].rule for n in self.rules_that_hold(facts)]

    def referrals_applying(self, facts: Facts) -> list[ReferralRule]:
        """The referral rules whose condition holds for these referral facts, in file order."""
        rules = self.referral_rules
        return [rules[n].rule for n in self.referrals_that_hold(facts)]

    def instruction(self, level: Level, fired: list[RedFlagRule]) -> LevelAction:
        """What to do at this level, in a route's words when the rules that fired name one."""
        return instruction(self.levels, self.routes, level, fired)
