"""Red-flag triage: evaluate every rule, report all that fired, take the most urgent level."""

from __future__ import annotations

from collections.abc import Sequence

from backcare.domain.classify import Classification, classify
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.history_flags import AssessedFlag, stood_down
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
ASSESSED_WORDS = (
    "A doctor has checked you with this in mind ({day}; confirmed by {who}). On its own it no "
    "longer decides how soon to see a doctor. A new warning sign, or worse or changed pain, "
    "brings it back."
)


def _assessed_flag(rule: RedFlagRule, flag: AssessedFlag) -> RedFlag:
    """A history-only rule a doctor has assessed: shown, and counted as noted only."""
    words = ASSESSED_WORDS.format(day=flag.assessed_on.isoformat(), who=flag.recorded_by)
    return RedFlag.model_construct(
        id=rule.id,
        code=rule.code,
        level=Level.self_care,
        label=rule.label,
        reason=words,
        escalates=False,
        evidence=tuple(rule.evidence),
    )


def triage(
    intake: Intake,
    knowledge: Knowledge,
    classification: Classification | None = None,
    facts: Facts | None = None,
    assessed: Sequence[AssessedFlag] = (),
) -> TriageResult:
    """Run every red-flag rule; the level is the most urgent level among rules that fired.

    ``assessed``: history-only rules a doctor has assessed (domain.history_flags); one that
    stands down for these answers is still listed, marked as assessed, but sets no level.
    """
    if facts is None:
        facts = rule_facts(intake, classification or classify(intake))
    fired = knowledge.fired(facts)
    down = stood_down(intake, knowledge, assessed, facts) if assessed else {}
    counted = [rule for rule in fired if rule.id not in down]
    level = max((rule.level for rule in counted), key=lambda lv: lv.rank, default=Level.self_care)
    counted.sort(key=lambda rule: (-rule.level.rank, rule.id))
    action = knowledge.instruction(level, counted)
    flags = [red_flag(rule) for rule in counted]
    flags += [_assessed_flag(knowledge.rule_index[rid].rule, flag) for rid, flag in down.items()]
    # model_construct: every value comes from validated knowledge, and this is the hot path.
    return TriageResult.model_construct(
        level=level,
        red_flags=flags,
        action=action.action,
        headline=action.headline,
        timeframe=action.timeframe,
        rules_version=knowledge.version,
        disclaimer=DISCLAIMER,
    )
