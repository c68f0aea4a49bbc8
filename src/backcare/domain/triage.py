"""Red-flag triage: evaluate every rule, report all that fired, take the most urgent level."""

from __future__ import annotations

from backcare.domain.classify import Classification, classify
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.identity_cache import ByIdentity
from backcare.domain.intake import Intake
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.schema import RedFlagRule
from backcare.domain.logic import Facts
from backcare.domain.plan_model import RedFlag, TriageResult
from backcare.domain.vocabulary import Level

DISCLAIMER = (
    "Backcare gives information to help you organise your care. It does not diagnose and does "
    "not prescribe medicines. If you are worried, or something changes, contact a doctor."
)


def _red_flag(rule: RedFlagRule) -> RedFlag:
    return RedFlag.model_construct(
        id=rule.id,
        code=rule.code,
        level=rule.level,
        label=rule.label,
        reason=rule.reason,
        escalates=rule.escalates,
        evidence=tuple(rule.evidence),
    )


# What the triage document says about a rule that fired is the same every time it fires.
red_flag = ByIdentity(_red_flag)


def triage(
    intake: Intake,
    knowledge: Knowledge,
    classification: Classification | None = None,
    facts: Facts | None = None,
) -> TriageResult:
    """Run every red-flag rule; the level is the most urgent level among rules that fired."""
    if facts is None:
        facts = rule_facts(intake, classification or classify(intake))
    fired = knowledge.fired(facts)
    level = max((rule.level for rule in fired), key=lambda lv: lv.rank, default=Level.self_care)
    fired.sort(key=lambda rule: (-rule.level.rank, rule.id))
    action = knowledge.instruction(level, fired)
    # model_construct: every value comes from validated knowledge, and this is the hot path.
    return TriageResult.model_construct(
        level=level,
        red_flags=[red_flag(rule) for rule in fired],
        action=action.action,
        headline=action.headline,
        timeframe=action.timeframe,
        rules_version=knowledge.version,
        disclaimer=DISCLAIMER,
    )
