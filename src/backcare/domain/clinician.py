"""The clinician view of a triage: each rule that fired, what it read, why, and its sources.

It also shows the de-escalations that were considered (a higher rule standing down for a timely
GP review) and which of their parts held, so a clinician can see why a level is what it is.
The person's documents (contracts 2 and 3) are unchanged; this is an extra, separate view.
"""

from __future__ import annotations

from backcare.domain.classify import classify
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.intake import Intake
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.routing import CompiledDeEscalation
from backcare.domain.knowledge.schema import RedFlagRule
from backcare.domain.logic import Facts, FactValue
from backcare.domain.plan_model import Doc
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level

Answer = bool | int | float | str | list[str] | None


class Source(Doc):
    id: str
    title: str
    url: str


class FiredRule(Doc):
    id: str
    code: str
    version: int
    level: Level
    escalates: bool
    label: str
    rationale: str
    answers: dict[str, Answer]
    sources: list[Source]


class PartCheck(Doc):
    part: str
    words: str
    holds: bool


class DeEscalationNote(Doc):
    rule: str
    instead: str
    applied: bool
    summary: str
    parts: list[PartCheck]


class ClinicianView(Doc):
    level: Level
    rules_version: str
    rules: list[FiredRule]
    de_escalations: list[DeEscalationNote]


def clinician_view(intake: Intake, knowledge: Knowledge) -> ClinicianView:
    """Every fired rule with its rationale, answers and sources, and the de-escalations weighed."""
    facts = rule_facts(intake, classify(intake))
    result = triage(intake, knowledge, facts=facts)
    fired = [knowledge.rule_index[flag.id].rule for flag in result.red_flags]
    fired_ids = frozenset(rule.id for rule in fired)
    return ClinicianView(
        level=result.level,
        rules_version=knowledge.version,
        rules=[_fired(rule, facts, knowledge) for rule in fired],
        de_escalations=[
            note
            for compiled in knowledge.de_escalations
            if (note := _weighed(compiled, facts, knowledge, fired_ids)) is not None
        ],
    )


def _fired(rule: RedFlagRule, facts: Facts, knowledge: Knowledge) -> FiredRule:
    references = knowledge.references
    return FiredRule(
        id=rule.id,
        code=rule.code,
        version=rule.version,
        level=rule.level,
        escalates=rule.escalates,
        label=rule.label,
        rationale=rule.rationale,
        answers={name: _answer(facts.get(name)) for name in rule.inputs},
        sources=[
            Source(id=ref, title=references[ref].title, url=references[ref].url)
            for ref in rule.evidence
        ],
    )


def _weighed(
    compiled: CompiledDeEscalation, facts: Facts, knowledge: Knowledge, fired: frozenset[str]
) -> DeEscalationNote | None:
    """The de-escalation, when its subject (the first part) applies to this person."""
    checks = [PartCheck(part=p.name, words=p.words, holds=p.holds(facts)) for p in compiled.parts]
    if not checks[0].holds:
        return None
    entry = compiled.entry
    higher = knowledge.rule_index[entry.rule].rule
    lower = knowledge.rule_index[entry.instead].rule
    applied = all(check.holds for check in checks)
    if applied:
        summary = (
            f"{entry.rule} ({higher.level.value}) stood down for {entry.instead} "
            f"({lower.level.value}): every part of the pattern holds."
        )
    else:
        missing = "; ".join(check.words for check in checks if not check.holds)
        stands = "stands" if entry.rule in fired else "does not fire either"
        summary = (
            f"{entry.instead} ({lower.level.value}) was considered instead of {entry.rule} "
            f"({higher.level.value}) but does not apply, because this does not hold: {missing}. "
            f"{entry.rule} {stands}."
        )
    return DeEscalationNote(
        rule=entry.rule, instead=entry.instead, applied=applied, summary=summary, parts=checks
    )


def _answer(value: FactValue) -> Answer:
    if isinstance(value, frozenset):
        return sorted(value)
    return value
