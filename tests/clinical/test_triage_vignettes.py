"""Triage level of written clinical vignettes (contract 2; docs/clinical-evidence.md, 4 to 7).

The expected levels in ``vignettes.py`` were written from the clinical evidence alone, not from
the rules. The report test publishes the pass rate by triage level, as section 10 of
docs/clinical-evidence.md asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from backcare.engine import triage_document

from .vignettes import LEVELS, RANK, VIGNETTES, Vignette, case

MINIMUM_PER_LEVEL = 15

Mutation = Callable[[dict[str, Any]], dict[str, Any]]


def _flag_ids(result: dict[str, Any]) -> list[str]:
    return [f"{flag.get('id')}:{flag.get('code')}" for flag in result.get("red_flags", [])]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.name for v in VIGNETTES])
def test_vignette_level(vignette: Vignette) -> None:
    result = triage_document(vignette.intake)
    got = result["level"]
    assert got == vignette.level, (
        f"{vignette.name}: expected {vignette.level}, got {got}. Why: {vignette.why} "
        f"Flags: {_flag_ids(result)}"
    )
    flags: list[dict[str, Any]] = result["red_flags"]
    if vignette.named is True:
        assert flags, f"{vignette.name}: a red flag should be named. Why: {vignette.why}"
    if vignette.named is False:
        assert flags == [], f"{vignette.name}: no red flag expected, got {_flag_ids(result)}"


def test_pass_rate_per_level(capsys: pytest.CaptureFixture[str]) -> None:
    got = {v.name: triage_document(v.intake)["level"] for v in VIGNETTES}
    lines = [f"{'level':<10} {'cases':>5} {'passed':>6} {'rate':>7} {'under':>5} {'over':>5}"]
    rates: dict[str, float] = {}
    failures: list[str] = []
    for level in LEVELS:
        cases = [v for v in VIGNETTES if v.level == level]
        passed = sum(1 for v in cases if got[v.name] == level)
        under = sum(1 for v in cases if RANK[got[v.name]] < RANK[level])
        over = sum(1 for v in cases if RANK[got[v.name]] > RANK[level])
        rates[level] = passed / len(cases) if cases else 0.0
        lines.append(
            f"{level:<10} {len(cases):>5} {passed:>6} {rates[level]:>7.1%} {under:>5} {over:>5}"
        )
        failures += [
            f"  {v.name}: expected {level}, got {got[v.name]}"
            for v in cases
            if got[v.name] != level
        ]
    total = sum(1 for v in VIGNETTES if got[v.name] == v.level)
    lines.append(f"{'all':<10} {len(VIGNETTES):>5} {total:>6} {total / len(VIGNETTES):>7.1%}")
    report = "\n".join(["", "Vignette triage pass rate by level:", *lines, *failures])
    with capsys.disabled():
        print(report)

    counts = {level: sum(1 for v in VIGNETTES if v.level == level) for level in LEVELS}
    assert all(count >= MINIMUM_PER_LEVEL for count in counts.values()), counts
    # Emergency recall must be 100% (docs/clinical-evidence.md, section 10).
    assert rates["emergency"] == 1.0, report
    for level in LEVELS:
        assert rates[level] == 1.0, report


def test_raised_level_is_explained_by_an_escalating_flag() -> None:
    """Contract 2: a level above self_care is carried by a named flag that escalates to it."""
    unexplained: list[str] = []
    for vignette in VIGNETTES:
        result = triage_document(vignette.intake)
        level = result["level"]
        if level == "self_care":
            continue
        carriers = [f for f in result["red_flags"] if f["escalates"] and f["level"] == level]
        if not carriers:
            unexplained.append(f"{vignette.name}: {level} with flags {_flag_ids(result)}")
    assert unexplained == []


# --- Monotonicity: adding a warning answer never lowers the level (contract 2) ---


def _set(field: str, value: Any) -> Mutation:
    def mutate(intake: dict[str, Any]) -> dict[str, Any]:
        return {**intake, field: value}

    return mutate


def _bump(field: str, ladder: tuple[str, ...]) -> Mutation:
    def mutate(intake: dict[str, Any]) -> dict[str, Any]:
        current = intake.get(field, ladder[0])
        step = min(ladder.index(current) + 1, len(ladder) - 1)
        return {**intake, field: ladder[step]}

    return mutate


def _add_numbness(site: str) -> Mutation:
    def mutate(intake: dict[str, Any]) -> dict[str, Any]:
        sites = list(intake.get("numbness", []))
        if site not in sites:
            sites.append(site)
        return {**intake, "numbness": sites}

    return mutate


def _add_weakness_sign(sign: str) -> Mutation:
    def mutate(intake: dict[str, Any]) -> dict[str, Any]:
        signs = list(intake.get("weakness_signs", []))
        if sign not in signs:
            signs.append(sign)
        return {**intake, "weakness_signs": signs}

    return mutate


def _add_condition(condition: str) -> Mutation:
    def mutate(intake: dict[str, Any]) -> dict[str, Any]:
        conditions = list(intake.get("conditions", []))
        if condition not in conditions:
            conditions.append(condition)
        return {**intake, "conditions": conditions}

    return mutate


WARNING_ADDITIONS: dict[str, Mutation] = {
    "fever": _set("fever", True),
    "feels_unwell": _set("feels_unwell", True),
    "bladder_bowel_change": _set("bladder_bowel_change", True),
    "sexual_function_change": _set("sexual_function_change", True),
    "saddle_numbness": _add_numbness("saddle"),
    "both_legs_numbness": _add_numbness("both_legs"),
    "onset_new": _set("warning_symptoms_onset", "new_or_worsening"),
    "leg_symptoms_worsening": _set("leg_symptoms_worsening", True),
    "leg_weakness_up": _bump("leg_weakness", ("none", "stable", "worsening")),
    "trauma_up": _bump("trauma", ("none", "minor", "major")),
    "cancer_history": _set("cancer_history", True),
    "unexplained_weight_loss": _set("unexplained_weight_loss", True),
    "constant_night_pain": _set("constant_night_pain", True),
    "osteoporosis": _set("osteoporosis", True),
    "long_term_steroids": _set("long_term_steroids", True),
    "immunosuppressed": _set("immunosuppressed", True),
    "iv_drug_use": _set("iv_drug_use", True),
    "unable_to_walk": _set("unable_to_walk_or_bear_weight", True),
    "treatment_not_helped": _set("treatment_not_helped", True),
    "aortic_aneurysm": _add_condition("aortic_aneurysm"),
    "flank_pain": _set("flank_pain", True),
    "pain_unrelenting": _set("pain_unrelenting", True),
    "pain_course_new": _set("pain_course", "new_or_worse"),
    "weakness_onset_new": _set("weakness_onset", "last_two_weeks"),
    "weakness_foot_drop": _add_weakness_sign("foot_drops_or_catches"),
    "anticoagulated": _add_condition("anticoagulated"),
    "vascular_disease": _add_condition("vascular_disease"),
}


@pytest.mark.parametrize("addition", sorted(WARNING_ADDITIONS))
def test_adding_a_warning_answer_never_lowers_the_level(addition: str) -> None:
    mutate = WARNING_ADDITIONS[addition]
    lowered: list[str] = []
    for vignette in VIGNETTES:
        changed = mutate(vignette.intake)
        if changed == vignette.intake:
            continue
        before = triage_document(vignette.intake)["level"]
        after = triage_document(changed)["level"]
        if RANK[after] < RANK[before]:
            lowered.append(f"{vignette.name}: {before} -> {after}")
    assert lowered == []


EMERGENCY_ADDITIONS: dict[str, Mutation] = {
    "new_bladder_change": lambda i: {
        **i,
        "bladder_bowel_change": True,
        "warning_symptoms_onset": "new_or_worsening",
    },
    "new_saddle_numbness": lambda i: {
        **_add_numbness("saddle")(i),
        "warning_symptoms_onset": "new_or_worsening",
    },
    "worsening_weakness": _set("leg_weakness", "worsening"),
    "major_trauma": _set("trauma", "major"),
    "fever_and_iv_drug_use": lambda i: {**i, "fever": True, "iv_drug_use": True},
    "new_foot_drop": lambda i: {
        **_add_weakness_sign("foot_drops_or_catches")(i),
        "weakness_onset": "last_two_weeks",
    },
}


@pytest.mark.parametrize("addition", sorted(EMERGENCY_ADDITIONS))
def test_an_emergency_feature_gives_emergency_whatever_else(addition: str) -> None:
    """Clinical evidence 5.1: these features are an emergency on top of any other answers."""
    mutate = EMERGENCY_ADDITIONS[addition]
    missed = [
        f"{v.name}: {level}"
        for v in VIGNETTES
        if (level := triage_document(mutate(v.intake))["level"]) != "emergency"
    ]
    assert missed == []


# --- Invalid input (contract 1) ---


@pytest.mark.parametrize("age", [15, 10, 0])
def test_age_under_16_is_refused(age: int) -> None:
    with pytest.raises(ValidationError, match="doctor"):
        triage_document(case(age, 1, 4))


def test_age_16_is_accepted() -> None:
    assert triage_document(case(16, 1, 4))["level"] in LEVELS


INVALID_INTAKES: dict[str, dict[str, Any]] = {
    "unknown_field": case(30, 1, 4, favourite_colour="blue"),
    "pain_now_11": case(30, 1, 11),
    "pain_now_negative": case(30, 1, -1),
    "pain_worst_week_below_pain_now": case(30, 1, 6, pain_worst_week=3),
    "negative_duration": case(30, -1, 4),
    "missing_age": {"duration_weeks": 1, "pain_now": 4},
    "missing_pain_now": {"age": 30, "duration_weeks": 1},
    "unknown_leg_pain_value": case(30, 1, 4, leg_pain="three_legs"),
    "unknown_numbness_site": case(30, 1, 4, numbness=["elbow"]),
    "unknown_condition": case(30, 1, 4, conditions=["gout"]),
    "startback_missing_item": case(30, 1, 4, startback={"leg_pain": True}),
    "pregnancy_weeks_without_pregnancy": case(30, 1, 4, sex="female", pregnancy_weeks=12),
}


@pytest.mark.parametrize("name", sorted(INVALID_INTAKES))
def test_invalid_intake_is_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        triage_document(INVALID_INTAKES[name])
