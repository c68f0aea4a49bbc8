"""Duration boundaries and STarT Back scoring (docs/clinical-evidence.md, sections 6 and 7)."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.classify import Risk, classify, duration_phase, score_startback
from backcare.domain.intake import Intake, StartBackAnswers
from backcare.domain.vocabulary import Phase


@pytest.mark.parametrize(
    ("weeks", "phase"),
    [
        (0, Phase.acute),
        (5.9, Phase.acute),
        (6, Phase.subacute),
        (12, Phase.subacute),
        (12.1, Phase.chronic),
        (13, Phase.chronic),
        (520, Phase.chronic),
    ],
)
def test_duration_boundaries(weeks: float, phase: Phase) -> None:
    assert duration_phase(weeks) == phase


def test_the_acp_four_week_cut_off_can_be_chosen() -> None:
    assert duration_phase(4, acute_weeks=4) == Phase.subacute
    assert duration_phase(4) == Phase.acute
    with pytest.raises(ValueError, match="4"):
        duration_phase(4, acute_weeks=5)


def _answers(physical: int, distress: int, bother: str = "slightly") -> StartBackAnswers:
    keys = ["leg_pain", "shoulder_neck_pain", "walked_short_distances", "dressed_slowly"]
    psych = [
        "not_safe_to_be_active",
        "worrying_thoughts",
        "terrible_never_better",
        "not_enjoyed_things",
    ]
    data: dict[str, Any] = {k: i < physical for i, k in enumerate(keys)}
    data |= {k: i < distress for i, k in enumerate(psych)}
    data["bothersomeness"] = bother
    return StartBackAnswers.model_validate(data)


@pytest.mark.parametrize(
    ("physical", "distress", "bother", "total", "subscale", "risk"),
    [
        (0, 0, "not_at_all", 0, 0, Risk.low),
        (3, 0, "moderately", 3, 0, Risk.low),
        (4, 0, "slightly", 4, 0, Risk.medium),
        (1, 3, "moderately", 4, 3, Risk.medium),
        (4, 3, "moderately", 7, 3, Risk.medium),
        (0, 3, "very_much", 4, 4, Risk.high),
        (0, 4, "not_at_all", 4, 4, Risk.high),
        (4, 4, "extremely", 9, 5, Risk.high),
        (2, 1, "very_much", 4, 2, Risk.medium),
    ],
)
def test_startback_scoring(
    physical: int, distress: int, bother: str, total: int, subscale: int, risk: Risk
) -> None:
    score = score_startback(_answers(physical, distress, bother))
    assert (score.total, score.distress, score.risk) == (total, subscale, risk)


def test_without_startback_risk_is_unknown_and_outlook_gives_named_indicators() -> None:
    intake = Intake.model_validate(
        {
            "age": 40,
            "duration_weeks": 20,
            "pain_now": 5,
            "outlook": {"fear_of_movement": True, "low_mood": True, "bothersomeness": "extremely"},
        }
    )
    result = classify(intake)
    assert result.risk == Risk.unknown
    assert result.psychosocial_indicators == ("fear_of_movement", "low_mood", "very_bothersome")
    assert "score" not in str(result.as_contract().psychosocial_indicators)


def test_leg_dominant_pain_below_the_knee_is_radicular() -> None:
    base = {"age": 40, "duration_weeks": 3, "pain_now": 5}
    radicular = Intake.model_validate({**base, "leg_pain": "one_leg", "leg_pain_below_knee": True})
    thigh = Intake.model_validate({**base, "leg_pain": "one_leg"})
    saddle_only = Intake.model_validate({**base, "numbness": ["saddle"]})
    assert classify(radicular).type.value == "radicular"
    assert classify(thigh).type.value == "non_specific"
    assert classify(saddle_only).type.value == "non_specific"
