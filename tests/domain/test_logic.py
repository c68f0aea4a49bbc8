"""The rule condition language: forms, totality, and loud failures at compile time."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.domain.logic import Compiler, ConditionError
from backcare.domain.logic_reference import interpret

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
        {"in": ["trauma", [["major"]]]},
        {"at_least": True, "of": ["fever"]},
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


_NAMES = sorted(FACTS)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 90),
    st.sampled_from(["major", "minor", "none", ""]),
    st.frozensets(st.sampled_from(["saddle", "leg", "foot"]), max_size=3),
)
_LEAF = st.one_of(
    st.sampled_from(_NAMES),
    st.tuples(st.sampled_from(["is"]), st.sampled_from(_NAMES), st.sampled_from(["major", 0, 1])),
    st.tuples(st.just("in"), st.sampled_from(_NAMES), st.lists(st.sampled_from(["major", 3]))),
    st.tuples(st.just("has"), st.sampled_from(_NAMES), st.sampled_from(["saddle", "foot"])),
    st.tuples(
        st.sampled_from(["gt", "ge", "lt", "le"]),
        st.sampled_from(_NAMES),
        st.one_of(st.integers(-1, 80), st.just("cut_off")),
    ),
).map(lambda leaf: leaf if isinstance(leaf, str) else {leaf[0]: [leaf[1], leaf[2]]})
_CONDITIONS = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        inner.map(lambda c: {"not": c}),
        st.lists(inner, min_size=1, max_size=4).map(lambda cs: {"all": cs}),
        st.lists(inner, min_size=1, max_size=4).map(lambda cs: {"any": cs}),
        st.tuples(st.integers(0, 4), st.lists(inner, min_size=1, max_size=4)).map(
            lambda t: {"at_least": t[0], "of": t[1]}
        ),
    ),
    max_leaves=12,
)
_DEFINITIONS = {"hot_and_old": {"all": ["fever", {"gt": ["age", "cut_off"]}]}}
_NUMBERS = {"cut_off": 50.0}
_WITH_DEFINITIONS = st.one_of(
    _CONDITIONS, st.lists(_CONDITIONS, max_size=2).map(lambda cs: {"any": ["hot_and_old", *cs]})
)


@settings(max_examples=300, deadline=None)
@given(raw=_WITH_DEFINITIONS, facts=st.dictionaries(st.sampled_from(_NAMES), _VALUES))
def test_compiled_conditions_agree_with_the_reference_interpreter(
    raw: Any, facts: dict[str, Any]
) -> None:
    """The compiler is an accelerator: for random conditions (with shared definitions and
    named numbers) and random facts it gives what the interpreter in src says."""
    node = Compiler(FACTS, _DEFINITIONS, _NUMBERS).compile(raw)
    assert node(facts) is interpret(raw, facts, _DEFINITIONS, _NUMBERS)
    assert node.reference(facts) is node(facts)


def test_values_from_the_yaml_are_never_written_into_generated_source() -> None:
    sneaky = "x') or True or ('"
    node = compiled({"is": ["trauma", sneaky]})
    assert node({"trauma": sneaky})
    assert not node({"trauma": "x"})


@settings(max_examples=100, deadline=None)
@given(
    raws=st.lists(_WITH_DEFINITIONS, min_size=1, max_size=6),
    facts=st.dictionaries(st.sampled_from(_NAMES), _VALUES),
)
def test_a_combined_set_holds_exactly_where_its_members_hold(
    raws: list[Any], facts: dict[str, Any]
) -> None:
    compiler = Compiler(FACTS, _DEFINITIONS, _NUMBERS)
    nodes = [compiler.compile(raw) for raw in raws]
    holding = compiler.combine(nodes)(facts)
    expected = [n for n, raw in enumerate(raws) if interpret(raw, facts, _DEFINITIONS, _NUMBERS)]
    assert holding == expected


def test_only_conditions_of_the_same_compiler_combine() -> None:
    other = Compiler(FACTS, {}).compile("fever")
    with pytest.raises(ConditionError, match="another compiler"):
        Compiler(FACTS, {}).combine([other])
