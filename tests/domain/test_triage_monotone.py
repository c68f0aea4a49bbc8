"""Properties: adding a warning answer, or leaving an answer out, never lowers the level."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.domain.classify import classify
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.intake import Condition, Intake, Numbness, PregnancySign, WeaknessSign
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from tests.strategies import WARNING_BOOLEANS, intakes

_ORDERS = {
    "leg_weakness": ["none", "stable", "worsening"],
    "trauma": ["none", "minor", "major"],
    "leg_pain": ["none", "one_leg", "both_legs"],
    "warning_symptoms_onset": ["stable_over_2_weeks", "new_or_worsening"],
    "weakness_onset": ["longer_ago", "last_two_weeks"],
    "pain_course": ["same_or_easing", "new_or_worse"],
}
# Answers whose missing value is the most worrying one (the rules read them that way).
_MISSING_IS_WORST = frozenset({"warning_symptoms_onset", "weakness_onset", "pain_course"})
_LISTS = frozenset({"numbness", "conditions", "weakness_signs", "pregnancy_warning_signs"})


def _worsen(data: dict[str, Any], change: tuple[str, Any]) -> dict[str, Any]:
    field, value = change
    worse = dict(data)
    if field == "pregnancy_warning_signs" and not data.get("pregnant"):
        return worse  # a pregnancy sign can only be given in pregnancy (the intake refuses it)
    if field in _LISTS:
        worse[field] = sorted({*data.get(field, []), value})
    elif field in _ORDERS:
        order = _ORDERS[field]
        current = data.get(field, order[-1] if field in _MISSING_IS_WORST else order[0])
        worse[field] = order[min(order.index(current) + 1, len(order) - 1)]
    else:
        worse[field] = True
    return worse


changes = st.one_of(
    st.tuples(st.sampled_from(WARNING_BOOLEANS), st.just(True)),
    st.tuples(st.just("numbness"), st.sampled_from([n.value for n in Numbness])),
    st.tuples(st.just("conditions"), st.sampled_from([c.value for c in Condition])),
    st.tuples(st.just("weakness_signs"), st.sampled_from([w.value for w in WeaknessSign])),
    st.tuples(
        st.just("pregnancy_warning_signs"), st.sampled_from([p.value for p in PregnancySign])
    ),
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


# Optional answers a person may skip; the worst-week pain is not among them, because pain now
# then stands in for it (a derived fact, not a missing one).
_SKIPPABLE = ("pain_course", "weakness_onset", "warning_symptoms_onset", "sex", "pregnancy_weeks")


@settings(max_examples=300, deadline=None)
@given(data=intakes(), skipped=st.lists(st.sampled_from(_SKIPPABLE), min_size=1, unique=True))
def test_leaving_an_answer_out_never_lowers_the_level(
    knowledge: Knowledge, data: dict[str, Any], skipped: list[str]
) -> None:
    fewer = {key: value for key, value in data.items() if key not in skipped}
    assert _level(knowledge, fewer).rank >= _level(knowledge, data).rank


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
