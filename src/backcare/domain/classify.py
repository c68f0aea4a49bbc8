"""Classification of an episode: duration phase, pain type and risk of a poor outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from backcare.domain.facts import is_radicular
from backcare.domain.intake import Bother, Intake, Outlook, StartBackAnswers
from backcare.domain.plan_model import Classification as ClassificationDoc
from backcare.domain.vocabulary import Phase

# docs/clinical-evidence.md section 6: acute < 6 weeks (ACP-2017 uses 4), subacute 6-12
# inclusive, chronic > 12.
DEFAULT_ACUTE_WEEKS = 6.0
CHRONIC_AFTER_WEEKS = 12.0
# STarT Back (KEELE-SBST): only "very much" and "extremely" count for item 9.
_BOTHER_POSITIVE = frozenset({Bother.very_much, Bother.extremely})
_HIGH_DISTRESS = 4
_MEDIUM_TOTAL = 4


class PainType(StrEnum):
    non_specific = "non_specific"
    radicular = "radicular"


class Risk(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    unknown = "unknown"


@dataclass(frozen=True, slots=True)
class StartBackScore:
    total: int
    distress: int
    risk: Risk


@dataclass(frozen=True, slots=True)
class Classification:
    duration: Phase
    type: PainType
    risk: Risk
    startback: StartBackScore | None = None
    psychosocial_indicators: tuple[str, ...] = field(default_factory=tuple)
    recurrent: bool = False

    def as_contract(self) -> ClassificationDoc:
        """Contract 3's ``classification`` object, with the detail behind the risk."""
        startback: dict[str, object] | None = None
        if self.startback is not None:
            startback = {
                "total": self.startback.total,
                "distress_subscale": self.startback.distress,
                "note": "Keele STarT Back Screening Tool, Keele University. Prognostic support "
                "only, not a diagnosis; part of a clinician's full assessment.",
            }
        return ClassificationDoc.model_construct(
            duration=self.duration.value,
            type=self.type.value,
            risk=self.risk.value,
            recurrent=self.recurrent,
            psychosocial_indicators=list(self.psychosocial_indicators),
            startback=startback,
        )


def duration_phase(weeks: float, acute_weeks: float = DEFAULT_ACUTE_WEEKS) -> Phase:
    """Exactly 6 and exactly 12 weeks are subacute; anything beyond 12 is chronic."""
    if acute_weeks not in (4.0, 6.0):
        raise ValueError("the acute cut-off is 4 (ACP) or 6 (default) weeks")
    if weeks < acute_weeks:
        return Phase.acute
    if weeks <= CHRONIC_AFTER_WEEKS:
        return Phase.subacute
    return Phase.chronic


def score_startback(answers: StartBackAnswers) -> StartBackScore:
    """Total 0-9 and distress subscale (items 5-9) as published by Keele."""
    physical = [
        answers.leg_pain,
        answers.shoulder_neck_pain,
        answers.walked_short_distances,
        answers.dressed_slowly,
    ]
    distress_items = [
        answers.not_safe_to_be_active,
        answers.worrying_thoughts,
        answers.terrible_never_better,
        answers.not_enjoyed_things,
        answers.bothersomeness in _BOTHER_POSITIVE,
    ]
    distress = sum(distress_items)
    total = sum(physical) + distress
    if distress >= _HIGH_DISTRESS:
        risk = Risk.high
    elif total >= _MEDIUM_TOTAL:
        risk = Risk.medium
    else:
        risk = Risk.low
    return StartBackScore(total=total, distress=distress, risk=risk)


def psychosocial_indicators(outlook: Outlook | None) -> tuple[str, ...]:
    """Backcare's own indicators, named one by one; never summed into a validated score."""
    if outlook is None:
        return ()
    named = {
        "fear_of_movement": outlook.fear_of_movement,
        "worry": outlook.worry,
        "low_mood": outlook.low_mood,
        "very_bothersome": outlook.bothersomeness in _BOTHER_POSITIVE,
    }
    return tuple(name for name, present in named.items() if present)


def classify(intake: Intake, acute_weeks: float = DEFAULT_ACUTE_WEEKS) -> Classification:
    """Phase, type and risk for one intake."""
    score = score_startback(intake.startback) if intake.startback else None
    return Classification(
        duration=duration_phase(intake.duration_weeks, acute_weeks),
        type=PainType.radicular if is_radicular(intake) else PainType.non_specific,
        risk=score.risk if score else Risk.unknown,
        startback=score,
        psychosocial_indicators=psychosocial_indicators(intake.outlook),
        recurrent=intake.previous_episodes > 0,
    )
