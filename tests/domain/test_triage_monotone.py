"""Property: adding a warning answer never lowers the triage level."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.domain.classify import classify
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.intake import Condition, Intake, Numbness
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from tests.strategies import WARNING_BOOLEANS, intakes

_ORDERS = {
    "leg_weakness": ["none", "stable", "worsening"],
    "trauma": ["none", "minor", "major"],
    "leg_pain": ["none", "one_leg", "both_legs"],
    "warning_symptoms_onset": ["stable_over_2_weeks", "new_or_worsening"],
}


def _worsen(data: dict[str, Any], change: tuple[str, Any]) -> dict[str, Any]:
    field, value = change
    worse = dict(data)
    if field in ("numbness", "conditions"):
        worse[field] = sorted({*data.get(field, []), value})
    elif field in _ORDERS:
        order = _ORDERS[field]
        current = data.get(field, order[-1] if field == "warning_symptoms_onset" else order[0])
        worse[field] = order[min(order.index(current) + 1, len(order) - 1)]
    else:
        worse[field] = True
    return worse


changes = st.one_of(
    st.tuples(st.sampled_from(WARNING_BOOLEANS), st.just(True)),
    st.tuples(st.just("numbness"), st.sampled_from([n.value for n in Numbness])),
    st.tuples(st.just("conditions"), st.sampled_from([c.value for c in Condition])),
    st.tuples(st.sampled_from(sorted(_ORDERS)), st.just(None)),
)


def _level(knowledge: Knowledge, data: dict[str, Any]) -> Level:
    return triage(Intake.model_validate(data), knowledge).level


@settings(max_examples=400, deadline=None)
@given(data=intakes(), change_list=st.lists(changes, min_size=1, max_size=3))
def test_adding_warning_answers_never_lowers_the_level(
    knowledge: Knowledge, data: dict[str, Any], change_list: list[tuple[str, Any]]
) -> None:
    before = _level(knowledge, data)
    worse = data
    for change in change_list:
        worse = _worsen(worse, change)
    assert _level(knowledge, worse).rank >= before.rank


@settings(max_examples=200, deadline=None)
@given(data=intakes())
def test_every_fired_rule_is_reported_and_the_level_is_their_maximum(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    result = triage(Intake.model_validate(data), knowledge)
    top = max((flag.level.rank for flag in result.red_flags), default=0)
    assert result.level.rank == top
    assert all(flag.escalates or flag.level == Level.self_care for flag in result.red_flags)


@settings(max_examples=200, deadline=None)
@given(data=intakes())
def test_the_combined_rule_set_fires_exactly_the_rules_that_hold_one_by_one(
    data: dict[str, Any], knowledge: Knowledge
) -> None:
    intake = Intake.model_validate(data)
    facts = rule_facts(intake, classify(intake))
    one_by_one = [compiled.rule for compiled in knowledge.rules if compiled.when(facts)]
    assert knowledge.fired(facts) == one_by_one
