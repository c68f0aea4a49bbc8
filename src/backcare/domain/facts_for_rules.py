"""The flat facts that rule conditions read: intake answers plus a few derived facts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum

from backcare.domain.classify import Classification
from backcare.domain.intake import Intake
from backcare.domain.logic import FactValue
from backcare.domain.plan_model import TriageResult

_NESTED = frozenset({"startback", "outlook", "preferences", "mobility"})
_INTAKE_FACTS = tuple(name for name in Intake.model_fields if name not in _NESTED)
_DERIVED = frozenset(
    {
        "late_pregnancy",
        "phase",
        "radicular",
        "risk",
        "pain_worst",
        "psychosocial_indicators",
        "fear_of_movement",
        "onset_age",
    }
)
FACT_NAMES = frozenset(_INTAKE_FACTS) | _DERIVED
FROM_TRIAGE = frozenset({"triage_level", "escalating_flags", "psychosocial_count"})
REFERRAL_FACT_NAMES = FACT_NAMES | FROM_TRIAGE
"""Referral rules read the red flags' facts and what the triage gave (referral_rules.yaml)."""


def rule_facts(intake: Intake, classification: Classification) -> dict[str, FactValue]:
    """Flatten an intake into the facts the rule language reads (enums become their values)."""
    answers = intake.__dict__
    facts: dict[str, FactValue] = {name: _plain(answers[name]) for name in _INTAKE_FACTS}
    facts["late_pregnancy"] = intake.late_pregnancy
    facts["phase"] = classification.duration.value
    facts["radicular"] = classification.type.value == "radicular"
    facts["risk"] = classification.risk.value
    facts["pain_worst"] = max(intake.pain_now, intake.pain_worst_week or 0)
    facts["psychosocial_indicators"] = frozenset(classification.psychosocial_indicators)
    facts["fear_of_movement"] = bool(intake.outlook and intake.outlook.fear_of_movement)
    facts["onset_age"] = onset_age(intake)
    return facts


def referral_facts(
    facts: Mapping[str, FactValue],
    classification: Classification,
    triage: TriageResult,
    reads: Iterable[str] | None = None,
) -> dict[str, FactValue]:
    """The red flags' facts plus the triage's outcome, for the referral rules.

    ``reads``: only these of the red flags' facts (the planner passes the few the referral
    rules read, ``Knowledge.referral_reads``, rather than copy them all for every plan).
    """
    out = dict(facts) if reads is None else {name: facts.get(name) for name in reads}
    out["triage_level"] = triage.level.value
    out["escalating_flags"] = frozenset(f.code for f in triage.red_flags if f.escalates)
    out["psychosocial_count"] = len(classification.psychosocial_indicators)
    return out


def onset_age(intake: Intake) -> int:
    """Age when back pain first began: as told, or else when this episode started."""
    if intake.age_at_onset is not None:
        return min(intake.age_at_onset, intake.age)
    return max(0, intake.age - int(intake.duration_weeks // 52))


_AS_IS = frozenset({bool, int, float, str, type(None)})


def _plain(value: object) -> FactValue:
    # Exact types first: a StrEnum is also a str, and must become its plain value.
    if type(value) in _AS_IS:
        return value  # type: ignore[return-value]
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return frozenset(str(v.value) if isinstance(v, Enum) else str(v) for v in value)
    raise TypeError(f"no fact form for {type(value).__name__}")
