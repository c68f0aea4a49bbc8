"""Red flags that fire on the person's history alone, and a doctor's assessment of them.

Some emergency or urgent rules fire on a history answer with nothing else wrong: a past cancer
with back pain that is not known to be long-standing and unchanged (RF-021), injecting drugs or
a weak immune system with a new episode (RF-027). The answer stays true for ever, so "I have
been seen" re-triaged with it would keep the person on the safety plan for ever.

Once a doctor has assessed the person with that history in mind (the person says so and a
clinician in their team confirms it, or, with no team, the person confirms the doctor knew of
it), the rule is recorded as assessed: its id, the day, by whom, and the answers it read then
(``snapshot``). From then on triage still runs every rule; an assessed rule is stood down (shown,
marked as assessed, no longer setting the level) only while every answer it reads is what the
doctor saw, time aside (age and how long the episode has lasted change by themselves). Any
changed answer the rule reads, such as a new warning sign, a worse course of pain or worse pain,
lets it fire again, and a rule that reads a current sign (RF-006 cancer with nerve symptoms,
RF-022 cancer with night pain, weight loss or upper-back pain) is never history-only, so it is
never stood down (SAFETY.md H-233 to H-235; NICE-NG234, NICE-NG59, DOWNIE-2013, YUSUF-2019).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from backcare.domain.classify import classify
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.intake import Intake
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.schema import RedFlagRule
from backcare.domain.logic import Facts
from backcare.domain.vocabulary import Level

HISTORY_ANSWERS = (
    "cancer_history",
    "osteoporosis",
    "long_term_steroids",
    "iv_drug_use",
    "immunosuppressed",
    "conditions",
)
"""Answers about the person's past or standing conditions: true today because they were once."""
BASELINE_ANSWERS = ("age", "sex", "duration_weeks", "pain_now")
"""What every intake holds, kept in the history-only view beside the history."""
CHANGES_WITH_TIME = frozenset({"age", "duration_weeks", "phase", "onset_age"})
"""Facts that change by themselves as days pass: never a reason to re-fire an assessed rule."""
SAFETY_LEVELS = frozenset({Level.emergency, Level.urgent})


@dataclass(frozen=True, slots=True)
class AssessedFlag:
    """A history-only rule a doctor has assessed, and the answers it read then."""

    rule_id: str
    snapshot: Mapping[str, Any]
    assessed_on: dt.date
    recorded_by: str
    """Who confirmed it: the clinician in the team, or the person (no team)."""


def history_view(intake: Intake) -> Intake:
    """The intake with only the history and the baseline answers: nothing current is wrong."""
    kept = {name: getattr(intake, name) for name in (*BASELINE_ANSWERS, *HISTORY_ANSWERS)}
    return Intake.model_validate(kept)


def _bare_view(intake: Intake) -> Intake:
    return Intake.model_validate({name: getattr(intake, name) for name in BASELINE_ANSWERS})


def _facts(intake: Intake) -> Facts:
    return rule_facts(intake, classify(intake))


def history_only(intake: Intake, knowledge: Knowledge) -> list[RedFlagRule]:
    """The emergency or urgent rules that fire on these answers and would fire on the history
    alone (and not without it): what a doctor's assessment of the history answers."""
    fired = {rule.id for rule in knowledge.fired(_facts(intake))}
    on_history = knowledge.fired(_facts(history_view(intake)))
    without = {rule.id for rule in knowledge.fired(_facts(_bare_view(intake)))}
    return [
        rule
        for rule in on_history
        if rule.level in SAFETY_LEVELS and rule.id in fired and rule.id not in without
    ]


def snapshot(rule: RedFlagRule, facts: Facts) -> dict[str, Any]:
    """The answers ``rule`` reads (time aside), as JSON values, to compare with later ones."""
    return {name: _plain(facts.get(name)) for name in rule.inputs if name not in CHANGES_WITH_TIME}


def stood_down(
    intake: Intake, knowledge: Knowledge, assessed: Sequence[AssessedFlag], facts: Facts
) -> dict[str, AssessedFlag]:
    """The assessed rules that stand down for these answers, by rule id: history-only now, and
    every answer they read as when the doctor assessed it."""
    if not assessed:
        return {}
    rules = knowledge.rule_index
    history = {rule.id for rule in history_only(intake, knowledge)}
    out: dict[str, AssessedFlag] = {}
    for flag in assessed:
        compiled = rules.get(flag.rule_id)
        if compiled is None or flag.rule_id not in history:
            continue
        if snapshot(compiled.rule, facts) == dict(flag.snapshot):
            out[flag.rule_id] = flag
    return out


def _plain(value: object) -> Any:
    if isinstance(value, (frozenset, set, tuple, list)):
        return sorted(str(item) for item in value)
    return value


def assess(
    intake: Intake, knowledge: Knowledge, rule_ids: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """The snapshots to record for ``rule_ids`` on these answers."""
    facts = _facts(intake)
    return {rid: snapshot(knowledge.rule_index[rid].rule, facts) for rid in rule_ids}
