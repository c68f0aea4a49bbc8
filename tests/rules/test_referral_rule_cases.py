"""Each referral rule PR-0xx against its case file (knowledge/cases/PR-0xx.yaml).

A case file names its rule and lists intakes with whether the rule holds. Every rule has a file,
every file names a rule, and each file has a case where the rule holds and one where it does
not, so no rule can be changed or dropped without a case noticing.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from backcare.domain.classify import classify
from backcare.domain.facts_for_rules import referral_facts, rule_facts
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.triage import triage
from backcare.engine import default_knowledge
from backcare.knowledge.loader import Knowledge

CASES = resources.files("backcare.knowledge").joinpath("cases")


def _case_files() -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(CASES.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            files[path.name.removesuffix(".yaml")] = yaml.safe_load(path.read_text("utf-8"))
    return files


CASE_FILES = _case_files()
RULE_IDS = [compiled.rule.id for compiled in default_knowledge().referral_rules]
CASES_BY_RULE = [
    pytest.param(rule_id, case, id=f"{rule_id}: {case['name']}")
    for rule_id, doc in CASE_FILES.items()
    for case in doc["cases"]
]


def test_every_referral_rule_has_its_case_file_and_every_file_a_rule() -> None:
    assert sorted(CASE_FILES) == sorted(RULE_IDS)
    for name, doc in CASE_FILES.items():
        assert doc["rule"] == name


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_each_case_file_has_a_case_that_holds_and_one_that_does_not(rule_id: str) -> None:
    outcomes = {case["holds"] for case in CASE_FILES[rule_id]["cases"]}
    assert outcomes == {True, False}


@pytest.mark.parametrize(("rule_id", "case"), CASES_BY_RULE)
def test_the_rule_holds_exactly_where_its_case_says(
    knowledge: Knowledge, rule_id: str, case: dict[str, Any]
) -> None:
    intake = Intake.model_validate(case["answers"])
    classification = classify(intake)
    facts = rule_facts(intake, classification)
    result = triage(intake, knowledge, classification, facts)
    compiled = next(c for c in knowledge.referral_rules if c.rule.id == rule_id)
    assert compiled.when(referral_facts(facts, classification, result)) is case["holds"]


@pytest.mark.parametrize(("rule_id", "case"), CASES_BY_RULE)
def test_a_plan_names_the_rule_only_when_it_holds(
    knowledge: Knowledge, rule_id: str, case: dict[str, Any]
) -> None:
    """Through the whole planner: a rule that holds puts its referral in the plan (named by it,
    or by an earlier rule for the same referral); one that does not is never an item's rule."""
    plan = build_plan(Intake.model_validate(case["answers"]), knowledge)
    rule = next(c.rule for c in knowledge.referral_rules if c.rule.id == rule_id)
    if case["holds"]:
        assert rule.entry in {item.id for item in plan.items}
    else:
        assert rule_id not in {item.rule for item in plan.items}
