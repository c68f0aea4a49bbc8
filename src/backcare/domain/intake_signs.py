"""Answer choices for the warning-sign questions added to the intake in turn 3.

Kept apart from ``intake.py`` so that module stays readable; ``intake`` re-exports them.
Every choice is worded in ``intake.py`` as a question a layperson answers correctly.
"""

from __future__ import annotations

from enum import StrEnum


class PregnancySign(StrEnum):
    """Signs that a pregnant person should contact the maternity unit now (NHS, Tommy's)."""

    tightening_or_cramps = "tightening_or_cramps"
    vaginal_bleeding = "vaginal_bleeding"
    fluid_leaking = "fluid_leaking"
    reduced_baby_movements = "reduced_baby_movements"
    burning_when_peeing = "burning_when_peeing"
    pain_under_ribs = "pain_under_ribs"


class WeaknessOnset(StrEnum):
    """When leg weakness began; a missing answer counts as new (never lowers the level)."""

    last_two_weeks = "last_two_weeks"
    longer_ago = "longer_ago"


class WeaknessSign(StrEnum):
    """What the weakness does: each is a sign of a major deficit except one-leg mild weakness."""

    foot_drops_or_catches = "foot_drops_or_catches"
    cannot_walk_on_heels = "cannot_walk_on_heels"
    cannot_walk_on_tiptoe = "cannot_walk_on_tiptoe"
    knee_gives_way = "knee_gives_way"
    both_legs = "both_legs"


class PainCourse(StrEnum):
    """How the back pain has behaved over the last two weeks; missing counts as new or worse."""

    new_or_worse = "new_or_worse"
    same_or_easing = "same_or_easing"
