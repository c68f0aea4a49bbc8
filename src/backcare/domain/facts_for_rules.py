"""The flat facts that rule conditions read: intake answers plus a few derived facts."""

from __future__ import annotations

from enum import Enum

from backcare.domain.classify import Classification
from backcare.domain.intake import Intake
from backcare.domain.logic import FactValue

_NESTED = frozenset({"startback", "outlook", "preferences"})
_INTAKE_FACTS = frozenset(name for name in Intake.model_fields if name not in _NESTED)
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
FACT_NAMES = _INTAKE_FACTS | _DERIVED


def rule_facts(intake: Intake, classification: Classification) -> dict[str, FactValue]:
    """Flatten an intake into the facts the rule language reads (enums become their values)."""
    facts: dict[str, FactValue] = {
        name: _plain(value) for name, value in intake.__dict__.items() if name in _INTAKE_FACTS
    }
    facts.update(
        late_pregnancy=intake.late_pregnancy,
        phase=classification.duration.value,
        radicular=classification.type.value == "radicular",
        risk=classification.risk.value,
        pain_worst=max(intake.pain_now, intake.pain_worst_week or 0),
        psychosocial_indicators=frozenset(classification.psychosocial_indicators),
        fear_of_movement=bool(intake.outlook and intake.outlook.fear_of_movement),
        onset_age=onset_age(intake),
    )
    return facts


def onset_age(intake: Intake) -> int:
    """Age when back pain first began: as told, or else when this episode started."""
    if intake.age_at_onset is not None:
        return min(intake.age_at_onset, intake.age)
    return max(0, intake.age - int(intake.duration_weeks // 52))


def _plain(value: object) -> FactValue:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return frozenset(str(v.value) if isinstance(v, Enum) else str(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"no fact form for {type(value).__name__}")
