"""The referral rules are checked as the knowledge loads: anything wrong fails loudly, named."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.facts import NAMED_NUMBERS
from backcare.domain.facts_for_rules import REFERRAL_FACT_NAMES
from backcare.domain.logic import Compiler
from backcare.knowledge import loader
from backcare.knowledge.loader import Knowledge, KnowledgeError

GOOD: dict[str, Any] = {
    "id": "PR-099",
    "entry": "referral-physiotherapy",
    "when": {"is": ["phase", "chronic"]},
    "inputs": ["phase"],
    "why": "A physiotherapist can help.",
    "rationale": "Chronic phase: physiotherapy.",
    "sources": ["NICE-NG59"],
}


def _load(knowledge: Knowledge, **changes: Any) -> Any:
    compiler = Compiler(REFERRAL_FACT_NAMES, {}, NAMED_NUMBERS)
    raw = {**GOOD, **changes}
    return loader._referral_rules([raw], compiler, knowledge.references, knowledge.catalog)


def test_a_well_formed_rule_loads(knowledge: Knowledge) -> None:
    (compiled,) = _load(knowledge)
    assert compiled.rule.id == "PR-099"
    assert compiled.when({"phase": "chronic"}) is True


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sources": ["NO-SUCH-REF"]}, r"PR-099: unknown reference ids \['NO-SUCH-REF'\]"),
        ({"when": "no_such_fact", "inputs": ["no_such_fact"]}, "unknown fact .*'no_such_fact'"),
        ({"entry": "referral-nowhere"}, "'referral-nowhere' is not a referral entry"),
        ({"entry": "aerobic-walking"}, "'aerobic-walking' is not a referral entry"),
        ({"inputs": ["risk"]}, r"declared inputs \['risk'\] differ .* \['phase'\]"),
        ({"id": "RF-099"}, "string_pattern_mismatch|should match pattern"),
        ({"sources": []}, "sources"),
    ],
)
def test_a_wrong_rule_is_refused_naming_what_is_wrong(
    knowledge: Knowledge, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(KnowledgeError, match=message):
        _load(knowledge, **changes)


def test_two_rules_with_one_id_are_refused(knowledge: Knowledge) -> None:
    compiler = Compiler(REFERRAL_FACT_NAMES, {}, NAMED_NUMBERS)
    with pytest.raises(KnowledgeError, match="duplicate id 'PR-099'"):
        loader._referral_rules([GOOD, GOOD], compiler, knowledge.references, knowledge.catalog)
