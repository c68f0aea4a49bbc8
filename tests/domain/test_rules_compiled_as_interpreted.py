"""Every rule of the knowledge, compiled, gives what the reference interpreter says.

Red flags, not-recommended conditions and referral rules run as generated functions (one per
rule set); ``domain/logic_reference.py`` reads the same YAML plainly. For random intakes the
two agree on every rule, and the combined function of each set picks exactly the rules whose
condition the interpreter says holds.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from backcare.domain.classify import classify
from backcare.domain.facts_for_rules import referral_facts, rule_facts
from backcare.domain.intake import Intake
from backcare.domain.triage import triage
from backcare.knowledge.loader import Knowledge
from tests.strategies import intakes


@settings(max_examples=200, deadline=None)
@given(data=intakes())
def test_every_rule_compiled_agrees_with_the_interpreter(
    data: dict[str, Any], knowledge: Knowledge
) -> None:
    intake = Intake.model_validate(data)
    classification = classify(intake)
    facts = rule_facts(intake, classification)
    for compiled in knowledge.rules:
        assert compiled.when(facts) is compiled.when.reference(facts), compiled.rule.id
    held = [n for n, c in enumerate(knowledge.rules) if c.when.reference(facts)]
    assert knowledge.rules_that_hold(facts) == held
    for nr in knowledge.not_recommended:
        if nr.when is not None:
            assert nr.when(facts) is nr.when.reference(facts), nr.entry.id
    referral = referral_facts(facts, classification, triage(intake, knowledge, classification))
    for rule in knowledge.referral_rules:
        assert rule.when(referral) is rule.when.reference(referral), rule.rule.id
    held = [n for n, c in enumerate(knowledge.referral_rules) if c.when.reference(referral)]
    assert knowledge.referrals_that_hold(referral) == held
