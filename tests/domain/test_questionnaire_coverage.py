"""Every answer a rule reads is asked, and every intake field has exactly one place.

The facts each consumer reads are found from the code and the data, never copied: red-flag and
not-recommended rules declare their inputs (checked against their conditions at load); the
classification, the plan's eligibility, the referral rules and the whole planner are run on an
intake that notes every field read through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.domain.classify import classify
from backcare.domain.facts import contraindication_codes
from backcare.domain.facts_for_rules import FACT_NAMES, REFERRAL_FACT_NAMES, rule_facts
from backcare.domain.intake import Bother, Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan.eligibility import Person
from backcare.domain.questionnaire import (
    CLINICIAN_ONLY,
    SECTIONS,
    all_questions,
    asked_more_than_once,
    clinician_only,
    unplaced_fields,
)
from backcare.domain.questions import intake_field_paths
from backcare.knowledge.loader import Knowledge
from tests.domain.reads import noting
from tests.strategies import intakes

ASKED = frozenset(q.path for q in all_questions())
INTAKE_FIELDS = frozenset(Intake.model_fields)


def unasked(paths: set[str] | frozenset[str]) -> list[str]:
    """The paths read that no question asks (a nested part read whole counts when its fields
    are asked one by one) and that are not clinician-only."""
    return sorted(
        p
        for p in paths
        if p not in ASKED
        and not any(a.startswith(p + ".") for a in ASKED)
        and not clinician_only(p)
    )


@st.composite
def whole_intakes(draw: st.DrawFn) -> Intake:
    """Valid intakes with the parts the shared strategy leaves out (outlook, age at onset)."""
    data: dict[str, Any] = draw(intakes())
    if draw(st.booleans()):
        data["age_at_onset"] = draw(st.integers(0, data["age"]))
    if draw(st.booleans()):
        bother = draw(st.sampled_from([b.value for b in Bother]))
        flags = {k: draw(st.booleans()) for k in ("fear_of_movement", "worry", "low_mood")}
        data["outlook"] = {**flags, "bothersomeness": bother}
    return Intake.model_validate(data)


def test_every_red_flag_rule_input_is_asked(knowledge: Knowledge) -> None:
    inputs = {name for compiled in knowledge.rules for name in compiled.rule.inputs}
    assert inputs <= FACT_NAMES
    assert unasked(inputs & INTAKE_FIELDS) == []


def test_every_fact_a_not_recommended_entry_reads_is_asked(knowledge: Knowledge) -> None:
    facts = {name for nr in knowledge.not_recommended if nr.when for name in nr.when.facts}
    assert facts <= FACT_NAMES
    assert unasked(facts & INTAKE_FIELDS) == []


def test_every_fact_a_referral_rule_reads_is_asked(knowledge: Knowledge) -> None:
    """Referral rules read the red flags' facts (their derivations are checked below) and
    three from the triage, whose reads are those of the red-flag rules."""
    inputs = {name for compiled in knowledge.referral_rules for name in compiled.rule.inputs}
    assert inputs <= REFERRAL_FACT_NAMES
    assert unasked(inputs & INTAKE_FIELDS) == []


def _derived_facts(intake: Intake, _knowledge: Knowledge) -> set[str]:
    """What the facts rules read beyond the answers themselves (phase, onset age, ...) come
    from: every field read while building them, which covers each derived fact a rule names."""
    noter, seen = noting(intake)
    rule_facts(noter, classify(noter))
    return seen


def _classification(intake: Intake, _knowledge: Knowledge) -> set[str]:
    noter, seen = noting(intake)
    classify(noter)
    return seen


def _eligibility(intake: Intake, _knowledge: Knowledge) -> set[str]:
    noter, seen = noting(intake)
    Person(noter, classify(intake).duration, contraindication_codes(noter))
    return seen


def _whole_plan(intake: Intake, knowledge: Knowledge) -> set[str]:
    noter, seen = noting(intake)
    build_plan(noter, knowledge)
    return seen


READERS: dict[str, Callable[[Intake, Knowledge], set[str]]] = {
    "derived facts": _derived_facts,
    "classification": _classification,
    "eligibility": _eligibility,
    "whole plan": _whole_plan,
}


@settings(max_examples=150, deadline=None)
@given(intake=whole_intakes())
def test_every_answer_the_engine_reads_is_asked(intake: Intake, knowledge: Knowledge) -> None:
    for reader, read in READERS.items():
        assert unasked(read(intake, knowledge)) == [], reader


def test_the_read_noter_sees_what_a_rule_reads() -> None:
    intake = Intake.model_validate({"age": 40, "duration_weeks": 2, "pain_now": 3})
    noter, seen = noting(intake)
    assert noter.late_pregnancy is False
    assert noter.outlook is None
    assert seen == {"pregnant", "outlook"}
    assert unasked({"startback.leg_pain", "outlook", "no_such_answer"}) == ["no_such_answer"]


def test_every_intake_field_is_asked_once_or_is_clinician_only() -> None:
    assert unplaced_fields() == []
    assert asked_more_than_once() == []
    assert not [p for p in ASKED if clinician_only(p)]


def test_a_field_left_out_of_every_section_is_named() -> None:
    without_pattern = tuple(s for s in SECTIONS if s.id != "pattern")
    assert "age_at_onset" in unplaced_fields(without_pattern)
    assert "better_with_anti_inflammatories" in unplaced_fields(without_pattern)


def test_clinician_only_fields_exist_and_say_why() -> None:
    paths = intake_field_paths()
    for field, reason in CLINICIAN_ONLY.items():
        assert any(p == field or p.startswith(field + ".") for p in paths), field
        assert len(reason.split()) > 5, field
