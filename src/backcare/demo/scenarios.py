"""The demo patients: who they are, how their pain goes, and what happens to them.

Each scenario is plain data plus a pain curve; ``simulate.py`` adds seeded day-to-day noise.
Names are invented; the intakes follow the examples in ``examples/``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEMO_PREFIX = "Demo: "
"""Every demo patient's name starts with this, so the demo can tell its own patients apart."""

PainCurve = Callable[[int], float]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One kind of demo patient."""

    name: str
    intake: dict[str, Any]
    pain: PainCurve
    """Typical pain on day n (0 is the assessment day), before the day's noise."""
    adherence: float
    """Chance of doing the planned session on a planned day."""
    activities: tuple[str, ...]
    """The person's own PSFS activities."""
    flare_days: frozenset[int] = frozenset()
    warning_day: int | None = None
    warnings: tuple[str, ...] = ()
    notes: dict[int, str] = field(default_factory=dict)


def _acute(day: int) -> float:
    # Most acute strains settle within weeks (HENSCHKE-2008): fast at first, then slowly.
    return 0.8 + 5.2 * math.exp(-day / 9)


def _chronic(day: int) -> float:
    flare = 2.5 if 45 <= day <= 48 else 0.0
    return 6.2 - day / 40 + flare


def _sciatica(day: int) -> float:
    return 6.0 + 0.4 * math.sin(day / 5)


def _subacute(day: int) -> float:
    return 5.0 - day / 30 if day < 32 else 6.5


ACUTE_STRAIN = Scenario(
    name="Sam, acute strain improving",
    intake={
        "age": 38,
        "sex": "male",
        "duration_weeks": 1,
        "pain_now": 6,
        "pain_worst_week": 8,
        "trauma": "minor",
        "preferences": {
            "minutes_per_day": 20,
            "days_per_week": 5,
            "equipment": ["heat_pack", "towel", "mat"],
            "activities": ["walking"],
            "work": "manual",
        },
    },
    pain=_acute,
    adherence=0.9,
    activities=("Lifting boxes at work", "Tying shoelaces"),
)
CHRONIC_FLARE = Scenario(
    name="Maria, chronic high risk with a flare-up",
    intake={
        "age": 52,
        "sex": "female",
        "duration_weeks": 40,
        "pain_now": 6,
        "pain_worst_week": 8,
        "previous_episodes": 2,
        "off_work_because_of_pain": True,
        "outlook": {
            "fear_of_movement": True,
            "worry": True,
            "low_mood": True,
            "bothersomeness": "very_much",
        },
        "preferences": {
            "minutes_per_day": 30,
            "days_per_week": 5,
            "equipment": ["mat", "towel", "foam_roller", "massage_ball", "heat_pack"],
            "partner_available": True,
            "activities": ["walking", "yoga"],
            "work": "desk",
        },
    },
    pain=_chronic,
    adherence=0.8,
    activities=("Sitting at my desk for an hour", "Gardening", "Carrying shopping"),
    flare_days=frozenset({45, 46, 47}),
    notes={45: "Back went into spasm after moving furniture."},
)
SCIATICA_PLATEAU = Scenario(
    name="Tom, sciatica not improving",
    intake={
        "age": 46,
        "sex": "male",
        "duration_weeks": 8,
        "pain_now": 6,
        "pain_worst_week": 7,
        "leg_pain": "one_leg",
        "leg_pain_below_knee": True,
        "leg_pain_worse_than_back": True,
        "numbness": ["foot"],
        "preferences": {
            "equipment": ["towel", "mat"],
            "activities": ["walking", "cycling"],
            "work": "desk",
        },
    },
    pain=_sciatica,
    adherence=0.95,
    activities=("Walking to the station", "Sitting through a film"),
)
SADDLE_EMERGENCY = Scenario(
    name="Leah, new saddle numbness in week 5",
    intake={
        "age": 44,
        "sex": "female",
        "duration_weeks": 7,
        "pain_now": 5,
        "pain_worst_week": 7,
        "preferences": {
            "minutes_per_day": 25,
            "days_per_week": 4,
            "equipment": ["mat", "towel"],
            "activities": ["walking", "swimming"],
            "work": "standing",
        },
    },
    pain=_subacute,
    adherence=0.75,
    activities=("Standing at work all shift", "Playing with my children"),
    warning_day=32,
    warnings=("saddle_numbness", "bladder_bowel_change"),
    notes={32: "Numb between the legs since this morning and trouble passing urine."},
)

SCENARIOS: tuple[Scenario, ...] = (
    ACUTE_STRAIN,
    CHRONIC_FLARE,
    SCIATICA_PLATEAU,
    SADDLE_EMERGENCY,
)
