"""History-only red flags and a doctor's assessment of them (domain.history_flags; SAFETY.md
H-233 to H-235): stood down only while the answers are those the doctor saw, never for a
current sign."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import Any

import pytest

from backcare.domain.adapt.warnings import apply_warnings
from backcare.domain.history_flags import (
    HISTORY_ANSWERS,
    AssessedFlag,
    assess,
    history_only,
)
from backcare.domain.intake import Intake
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from backcare.tracking.vocabulary import WarningSymptom

DAY = dt.date(2024, 5, 10)
BASE: dict[str, Any] = {"age": 55, "duration_weeks": 3, "pain_now": 5}
HISTORIES: dict[str, dict[str, Any]] = {
    "past cancer": {"cancer_history": True},
    "injecting drugs": {"iv_drug_use": True},
    "weak immune system": {"immunosuppressed": True},
    "osteoporosis": {"osteoporosis": True},
    "long-term steroids": {"long_term_steroids": True},
    "known aneurysm": {"conditions": ["aortic_aneurysm"]},
}


def intake(**answers: Any) -> Intake:
    return Intake.model_validate(BASE | answers)


def assessed_for(answers: Intake, knowledge: Knowledge) -> list[AssessedFlag]:
    rules = [rule.id for rule in history_only(answers, knowledge)]
    return [
        AssessedFlag(rid, shot, DAY, "physio")
        for rid, shot in assess(answers, knowledge, rules).items()
    ]


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_each_history_alone_fires_an_emergency_or_urgent_rule_that_an_assessment_stands_down(
    knowledge: Knowledge, history: dict[str, Any]
) -> None:
    answers = intake(**history)
    rules = history_only(answers, knowledge)
    assert rules, "no history-only rule: nothing to assess"
    assert triage(answers, knowledge).level in (Level.emergency, Level.urgent)
    after = triage(answers, knowledge, assessed=assessed_for(answers, knowledge))
    assert after.level not in (Level.emergency, Level.urgent)
    shown = {flag.id: flag for flag in after.red_flags}
    for rule in rules:
        assert shown[rule.id].escalates is False
        assert DAY.isoformat() in shown[rule.id].reason


def test_a_rule_that_reads_a_current_sign_is_never_history_only(knowledge: Knowledge) -> None:
    answers = intake(cancer_history=True, constant_night_pain=True, numbness=["saddle"])
    ids = {rule.id for rule in history_only(answers, knowledge)}
    fired = {flag.id for flag in triage(answers, knowledge).red_flags if flag.escalates}
    assert {"RF-006", "RF-022", "RF-001"} <= fired
    assert ids.isdisjoint({"RF-006", "RF-022", "RF-001"})
    after = triage(answers, knowledge, assessed=assessed_for(answers, knowledge))
    assert after.level is Level.emergency


def test_a_changed_answer_the_rule_reads_brings_it_back(knowledge: Knowledge) -> None:
    answers = intake(cancer_history=True)
    flags = assessed_for(answers, knowledge)
    assert triage(answers, knowledge, assessed=flags).level is Level.self_care
    worse = intake(cancer_history=True, pain_worst_week=9)
    assert triage(worse, knowledge, assessed=flags).level is Level.urgent
    # Time alone changes nothing: weeks later, older, the same answers.
    later = intake(cancer_history=True, duration_weeks=5, age=56)
    assert triage(later, knowledge, assessed=flags).level is Level.self_care


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_current_warning_signs_still_win_after_the_history_was_assessed(
    knowledge: Knowledge, history: dict[str, Any]
) -> None:
    """Every warning answer (one or two at a time) added to an assessed history: the level is
    never below what those signs give on their own, nor below the triage without history."""
    answers = intake(**history)
    flags = assessed_for(answers, knowledge)
    codes = [code.value for code in WarningSymptom]
    for size in (1, 2):
        for chosen in combinations(codes, size):
            now = apply_warnings(answers, chosen)
            with_history = triage(now, knowledge, assessed=flags).level
            # The same answers with the history taken out: the current signs on their own.
            without = {
                name: Intake.model_fields[name].get_default(call_default_factory=True)
                for name in HISTORY_ANSWERS
            }
            alone = triage(Intake.model_validate(now.model_dump() | without), knowledge).level
            assert with_history.rank >= alone.rank, (history, chosen)
