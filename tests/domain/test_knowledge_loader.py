"""The packaged knowledge loads, and inconsistent knowledge fails loudly at load."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.vocabulary import EXERCISE_KINDS, Contra, Kind, Position, Target
from backcare.knowledge import loader
from backcare.knowledge.loader import Knowledge, KnowledgeError

ENTRY: dict[str, Any] = {
    "id": "stretch-test",
    "kind": "stretch",
    "position": "lying",
    "title": "Test stretch",
    "summary": "A stretch used in tests.",
    "steps": ["Do the thing slowly."],
    "dose": {"reps": 3, "hold_seconds": 20, "minutes": 2},
    "phases": ["acute"],
    "evidence": ["NICE-NG59"],
}


def test_the_packaged_catalog_is_large_and_complete(knowledge: Knowledge) -> None:
    catalog = knowledge.catalog.values()
    assert len(knowledge.catalog) >= 60
    counts = {kind: sum(e.kind == kind for e in catalog) for kind in Kind}
    minimum = {
        Kind.self_massage: 6,
        Kind.partner_massage: 5,
        Kind.foam_rolling: 3,
        Kind.stretch: 8,
        Kind.strengthen: 8,
        Kind.mobility: 4,
        Kind.aerobic: 4,
    }
    for kind, least in minimum.items():
        assert counts[kind] >= least, kind
    assert counts[Kind.posture] + counts[Kind.sleep] >= 5
    lessons = [e for e in catalog if "lesson" in e.tags]
    assert len(lessons) >= 8
    assert {e.target for e in catalog if e.kind == Kind.referral} >= set(Target)
    assert len(knowledge.not_recommended) >= 8


def test_every_catalog_entry_is_complete(knowledge: Knowledge) -> None:
    for entry in knowledge.catalog.values():
        assert entry.steps, entry.id
        assert entry.evidence, entry.id
        assert entry.phases, entry.id
        assert set(entry.contraindications) <= set(Contra)
        for other in (*entry.progression, *entry.regression):
            assert other in knowledge.catalog


def test_acupuncture_carries_each_guideline_stance(knowledge: Knowledge) -> None:
    stances = knowledge.catalog["referral-acupuncture"].stances
    assert {k.value: v.value for k, v in stances.items()} == {
        "NICE-NG59": "do_not_offer",
        "ACP-2017": "recommend",
        "WHO-2023": "may_offer",
    }


def test_an_unknown_progression_id_fails_loudly() -> None:
    catalog = loader._catalog([("t.yaml", {"entries": [{**ENTRY, "progression": ["nope"]}]})])
    with pytest.raises(KnowledgeError, match="nope"):
        loader._check_catalog(catalog, {"NICE-NG59": object()})  # type: ignore[dict-item]


def test_an_unknown_contraindication_code_fails_loudly() -> None:
    bad = {**ENTRY, "contraindications": ["bad_knees"]}
    with pytest.raises(KnowledgeError, match="stretch-test"):
        loader._catalog([("t.yaml", {"entries": [bad]})])


def test_an_unknown_reference_fails_loudly() -> None:
    catalog = loader._catalog([("t.yaml", {"entries": [{**ENTRY, "evidence": ["MADE-UP"]}]})])
    with pytest.raises(KnowledgeError, match="MADE-UP"):
        loader._check_catalog(catalog, {"NICE-NG59": object()})  # type: ignore[dict-item]


def test_an_entry_without_a_position_fails_loudly_naming_it() -> None:
    unplaced = {key: value for key, value in ENTRY.items() if key != "position"}
    with pytest.raises(KnowledgeError, match="stretch-test"):
        loader._catalog([("t.yaml", {"entries": [unplaced]})])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"position": "none"}, "must name a body position"),
        ({"kind": "advice", "position": "seated"}, "needs no position"),
        ({"position": "seated", "balance": True}, "only a standing or walking"),
        ({"position": "elbows"}, "position"),
    ],
)
def test_a_position_that_does_not_fit_the_kind_fails_loudly(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(KnowledgeError, match=message):
        loader._catalog([("t.yaml", {"entries": [{**ENTRY, **changes}]})])


def test_every_exercise_names_its_position_and_only_feet_ask_for_balance(
    knowledge: Knowledge,
) -> None:
    body = EXERCISE_KINDS | {Kind.self_massage, Kind.foam_rolling, Kind.relaxation}
    for entry in knowledge.catalog.values():
        if entry.kind in body:
            assert entry.position != Position.none, entry.id
        if entry.balance:
            assert entry.position in (Position.standing, Position.walking), entry.id


def test_an_entry_is_ruled_out_by_its_position_as_well_as_its_contraindications(
    knowledge: Knowledge,
) -> None:
    kneeling = knowledge.catalog["strengthen-bird-dog"].ruled_out_by
    assert {"knee_problem", "wheelchair_user", "cannot_get_to_floor", "knee_replacement"} <= {
        code.value for code in kneeling
    }
    assert Contra.shoulder_problem in kneeling
    seated = knowledge.catalog["strengthen-abdominal-bracing"].ruled_out_by
    assert not seated & {Contra.wheelchair_user, Contra.cannot_get_to_floor}
    assert Contra.balance_problems in knowledge.catalog["aerobic-tai-chi"].ruled_out_by


def test_duplicate_ids_fail_loudly() -> None:
    with pytest.raises(KnowledgeError, match="duplicate"):
        loader._catalog([("t.yaml", {"entries": [ENTRY, ENTRY]})])


def test_a_rule_must_declare_exactly_the_facts_it_reads(knowledge: Knowledge) -> None:
    rule = {
        "id": "RF-999",
        "version": 1,
        "code": "test_rule",
        "level": "urgent",
        "label": "Test",
        "reason": "A reason.",
        "rationale": "A rationale.",
        "inputs": ["fever"],
        "evidence": ["IDSA-2015"],
        "when": {"all": ["fever", "feels_unwell"]},
    }
    with pytest.raises(KnowledgeError, match="declared inputs"):
        loader._rules([rule], knowledge.compiler, knowledge.references)


def test_a_weak_flag_cannot_escalate() -> None:
    rule = {
        "id": "RF-998",
        "version": 1,
        "code": "weak",
        "level": "soon",
        "escalates": False,
        "label": "Weak",
        "reason": "A reason.",
        "rationale": "A rationale.",
        "inputs": ["age"],
        "evidence": ["IDSA-2015"],
        "when": {"gt": ["age", 50]},
    }
    with pytest.raises(KnowledgeError, match="does not escalate"):
        loader._rules([rule], None, {})  # type: ignore[arg-type]


def test_rule_levels_have_plain_actions(knowledge: Knowledge) -> None:
    assert set(knowledge.levels) == {"emergency", "urgent", "soon", "self_care"}
    assert "emergency" in knowledge.levels["emergency"].action.lower()
