"""The rule condition language: forms, totality, and loud failures at compile time."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.logic import Compiler, ConditionError

FACTS = frozenset({"fever", "age", "numbness", "trauma", "pain"})


def compiled(raw: Any, definitions: dict[str, Any] | None = None) -> Any:
    return Compiler(FACTS, definitions or {}).compile(raw)


def test_a_bare_name_is_true_when_the_fact_is_truthy() -> None:
    node = compiled("fever")
    assert node({"fever": True})
    assert not node({"fever": False})
    assert not node({})


@pytest.mark.parametrize(
    ("raw", "facts", "expected"),
    [
        ({"is": ["trauma", "major"]}, {"trauma": "major"}, True),
        ({"in": ["trauma", ["minor", "major"]]}, {"trauma": "none"}, False),
        ({"has": ["numbness", "saddle"]}, {"numbness": frozenset({"saddle"})}, True),
        ({"has": ["numbness", "saddle"]}, {"numbness": None}, False),
        ({"gt": ["age", 50]}, {"age": 51}, True),
        ({"gt": ["age", 50]}, {"age": 50}, False),
        ({"le": ["age", 50]}, {"age": None}, False),
        ({"not": "fever"}, {"fever": False}, True),
        ({"all": ["fever", {"gt": ["age", 50]}]}, {"fever": True, "age": 60}, True),
        ({"any": ["fever", {"gt": ["age", 50]}]}, {"fever": False, "age": 20}, False),
        (
            {"at_least": 2, "of": ["fever", {"gt": ["age", 50]}, {"is": ["trauma", "major"]}]},
            {"fever": True, "age": 60, "trauma": "none"},
            True,
        ),
        ({"at_least": 2, "of": ["fever", {"gt": ["age", 50]}]}, {"fever": True, "age": 10}, False),
    ],
)
def test_operators(raw: Any, facts: dict[str, Any], expected: bool) -> None:
    assert compiled(raw)(facts) is expected


def test_a_missing_number_never_satisfies_a_comparison() -> None:
    assert not compiled({"lt": ["age", 50]})({})


def test_definitions_are_shared_and_report_the_facts_they_read() -> None:
    node = compiled("hot_and_old", {"hot_and_old": {"all": ["fever", {"gt": ["age", 50]}]}})
    assert node({"fever": True, "age": 70})
    assert node.facts == {"fever", "age"}


@pytest.mark.parametrize(
    "raw",
    [
        "temperature",
        {"gt": ["age", "fifty"]},
        {"gt": ["age", True]},
        {"is": ["age"]},
        {"unknown_op": ["age", 1]},
        {"all": []},
        {"all": ["fever"], "any": ["fever"]},
        {"at_least": "2", "of": ["fever"]},
        {"in": ["trauma", "major"]},
        42,
    ],
)
def test_malformed_conditions_fail_when_compiled(raw: Any) -> None:
    with pytest.raises(ConditionError):
        compiled(raw)


def test_definition_cycles_and_shadowing_fail_loudly() -> None:
    with pytest.raises(ConditionError, match="cycle"):
        Compiler(FACTS, {"a": "b", "b": "a"})
    with pytest.raises(ConditionError, match="shadow"):
        Compiler(FACTS, {"fever": "age"})
