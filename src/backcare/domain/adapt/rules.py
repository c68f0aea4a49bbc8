"""Adaptation rules as data: stable ids, plain words for the person, a rationale for the
clinician, the inputs each reads and its sources. The logic that applies them is in review.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MIN_READINGS = 3
"""Pain is judged only on a week with at least 3 check-ins: fewer readings swing too much with
one good or bad day to move a plan up or down."""
PROGRESS_ADHERENCE = 0.70
"""Progress only when at least 70% of planned sessions were done: the improvement then plausibly
comes from the plan, and the person is ready for more."""
SIMPLIFY_ADHERENCE = 0.50
"""Under half the planned sessions done means the plan does not fit the person's life yet; a
shorter plan that gets done beats a full one that does not (NICE-NG59: adherence matters)."""
REFER_AFTER_WEEKS = 6
"""Six weeks of a plan done well with no important change is the point where guidelines expect
a professional to take a look (NICE-NG59; HENSCHKE-2008: most recover in the first weeks)."""
SETTLED_PAIN = 1.0
"""A week's mean pain at or below 1/10 cannot fall by 2 points; someone there is doing well, so
steady low pain counts as ready to progress, and never as 'no improvement'."""
FLARE_DAYS = 3
"""The relief plan lasts 3 days: most flares ease within days, and a longer pause from the usual
exercises costs more than it spares (advice-flare-up-relief; HENSCHKE-2008)."""
FLARE_LENGTH = timedelta(days=FLARE_DAYS)


@dataclass(frozen=True, slots=True)
class AdaptRule:
    """One adaptation rule: what it does, why, and what it reads."""

    id: str
    name: str
    reason: str
    rationale: str
    inputs: tuple[str, ...]
    references: tuple[str, ...]


WARNING = AdaptRule(
    "AR-001",
    "New warning sign at a check-in",
    "You reported a warning sign, so Backcare checked your answers again straight away.",
    "Any new red-flag answer re-runs triage on the stored intake with the new answer applied. "
    "Emergency or urgent replaces the plan by the safety plan; lower levels keep the plan and "
    "leave a note for the clinician.",
    ("checkin.warnings", "intake"),
    ("NICE-NG59", "GIRFT-CES-2023", "HENSCHKE-2009"),
)
FLARE = AdaptRule(
    "AR-002",
    "Flare-up",
    "You said your back has flared up. For a few days the plan switches to gentle relief: "
    "heat, easy movement and short walks. Then it goes back to your usual plan.",
    f"A flare-up gives a {FLARE_DAYS}-day relief plan (flare-relief advice, heat, gentle "
    "mobility, walking, safety-net) and no progression or regression that week, since pain "
    "during a flare says little about how the plan works.",
    ("checkin.flare_up",),
    ("NICE-NG59", "FRENCH-2006", "HENSCHKE-2008"),
)
WORSENING = AdaptRule(
    "AR-003",
    "Pain getting worse",
    "Your pain has gone up by 2 points or more over the last week, so the exercises step back to "
    "easier versions, and it would be good to have your back looked at.",
    "Weekly mean NPRS rose >= 2 points against the previous week (or the intake score): each "
    "timed item with a regression moves to its first safe regression, and a clinician review "
    "is suggested.",
    ("checkins.pain_now", "intake.pain_now", "plan.items.regression"),
    ("OSTELO-2008", "ABBOTT-2014", "NICE-NG59"),
)
PROGRESS = AdaptRule(
    "AR-004",
    "Improving and keeping at it",
    "Your pain has come down and you have kept up with the plan, so the exercises move one step "
    "up.",
    "Weekly mean NPRS fell >= 2 points or >= 30% (or stays at 1/10 or less) with adherence >= "
    "70%: each timed item with a progression moves to its first progression that fits the "
    "person and is not contraindicated.",
    ("checkins.pain_now", "checkins.sessions_done", "sessions", "plan.items.progression"),
    ("OSTELO-2008", "NICE-NG59", "HAYDEN-2021"),
)
SIMPLIFY = AdaptRule(
    "AR-005",
    "Plan too hard to fit in",
    "You managed fewer than half of the planned sessions last week. That is common, so the plan "
    "is now shorter and simpler, keeping the daily stretch and walking.",
    "Adherence < 50%: keep the daily hamstring stretch, walking and the first session items; "
    "drop the rest and halve the minutes per day.",
    ("checkins.sessions_done", "sessions", "plan.week"),
    ("NICE-NG59", "HAYDEN-2021"),
)
NO_IMPROVEMENT = AdaptRule(
    "AR-006",
    "No change after six weeks",
    "You have kept up with the plan for six weeks but your pain has not changed much. That is "
    "not your fault: it is time for a professional to look at your back with you.",
    f"{REFER_AFTER_WEEKS} consecutive weeks of adherence >= 70% with no important change (NPRS "
    "< 2 points and < 30% against the intake; PEG < 30%; PSFS < 2 points): refer to "
    "physiotherapy, or to a combined programme when physiotherapy is already in the plan.",
    ("checkins", "sessions", "peg", "psfs", "intake.pain_now", "plan.items"),
    ("NICE-NG59", "OSTELO-2008", "KREBS-2009", "ABBOTT-2014", "STRATFORD-1995"),
)
ON_HOLD = AdaptRule(
    "AR-007",
    "Plan on hold until seen",
    "Your plan is on hold because you need to see a doctor first. After that, do a new "
    "assessment and Backcare will make a fresh plan.",
    "A safety plan (emergency or urgent) is never progressed, regressed or simplified; only a new "
    "assessment replaces it.",
    ("plan.triage.level",),
    ("NICE-NG59",),
)
TOO_FEW_READINGS = AdaptRule(
    "AR-008",
    "Not enough check-ins to judge",
    f"There were fewer than {MIN_READINGS} check-ins in the last 7 days, so the plan stays as it "
    "is. Checking in most days lets Backcare adjust the plan to you.",
    f"Fewer than {MIN_READINGS} check-ins in the review week: pain and adherence rules are not "
    "applied.",
    ("checkins",),
    ("OSTELO-2008",),
)

RULES: tuple[AdaptRule, ...] = (
    WARNING,
    FLARE,
    WORSENING,
    PROGRESS,
    SIMPLIFY,
    NO_IMPROVEMENT,
    ON_HOLD,
    TOO_FEW_READINGS,
)
