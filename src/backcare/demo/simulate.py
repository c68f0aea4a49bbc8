"""One simulated day of a demo patient: seeded noise on the scenario's pain curve."""

from __future__ import annotations

import random
from dataclasses import dataclass

from backcare.demo.scenarios import Scenario

PAIN_NOISE = 0.8
"""Day-to-day spread of pain scores (standard deviation, points), as people's scores wobble."""
FLARE_SKIP = 0.7
"""Chance of skipping a planned session on a flare-up day."""


@dataclass(frozen=True, slots=True)
class Day:
    """What the person reports on one day."""

    pain: int
    exercised: bool
    flare_up: bool
    warnings: tuple[str, ...]
    note: str


def score(value: float) -> int:
    """A 0-10 score from a real number."""
    return min(10, max(0, round(value)))


def simulate_day(rng: random.Random, scenario: Scenario, n: int) -> Day:
    """Day ``n`` (0 = the assessment day); the same generator state gives the same day."""
    flare = n in scenario.flare_days
    warnings = scenario.warnings if n == scenario.warning_day else ()
    pain = score(rng.gauss(scenario.pain(n), PAIN_NOISE))
    chance = scenario.adherence * (1 - FLARE_SKIP if flare else 1)
    # Nobody does their exercises on the day a warning sign appears.
    exercised = rng.random() < chance and not warnings
    return Day(pain, exercised, flare, warnings, scenario.notes.get(n, ""))


def peg_answers(rng: random.Random, week_pain: float) -> dict[str, int]:
    """PEG items for a week: interference follows pain, with a little noise."""
    return {
        "pain": score(week_pain),
        "enjoyment": score(rng.gauss(week_pain + 0.5, 0.7)),
        "activity": score(rng.gauss(week_pain + 0.3, 0.7)),
    }


def psfs_scores(
    rng: random.Random, scenario: Scenario, week_pain: float
) -> list[dict[str, object]]:
    """PSFS: how well each of the person's activities goes, roughly the mirror of pain."""
    return [
        {"activity": activity, "score": score(rng.gauss(10 - week_pain - 1, 0.8))}
        for activity in scenario.activities
    ]


def felt(rng: random.Random, pain: int) -> int:
    """How a session felt, 0 (very bad) to 10 (very good)."""
    return score(rng.gauss(9 - pain / 2, 1.0))
