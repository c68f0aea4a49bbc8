"""Adaptation rules as data: stable ids, plain words for the person, a rationale for the
clinician, the inputs each reads and its sources. The logic that applies them is in review.py.

The numbers live in the knowledge (``knowledge/adaptation.yaml``, each with its reason and
sources); a rule's words name them as ``{threshold_name}`` and are filled in from the loaded
thresholds, so what people read always matches what the rule did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AdaptRule:
    """One adaptation rule: what it does, why, and what it reads."""

    id: str
    name: str
    reason: str
    """Plain words for the person; ``{name}`` stands for a threshold's value."""
    rationale: str
    inputs: tuple[str, ...]
    references: tuple[str, ...]

    def words(self, values: Mapping[str, float | int]) -> str:
        """The reason with the threshold values filled in."""
        return self.reason.format_map(values)


WARNING = AdaptRule(
    "AR-001",
    "New warning sign at a check-in",
    "You reported a warning sign, so Backcare checked your answers again straight away.",
    "Any new red-flag answer re-runs triage on the stored intake with the new answer applied "
    "(a sign first reported at a check-in counts as new). Emergency or urgent replaces the plan "
    "by the safety plan; lower levels keep the plan and leave a note for the clinician.",
    ("checkin.warnings", "intake"),
    ("NICE-NG59", "GIRFT-CES-2023", "HENSCHKE-2009"),
)
FLARE = AdaptRule(
    "AR-002",
    "Flare-up",
    "You said your back has flared up. For a few days the plan switches to gentle relief: "
    "heat, easy movement and short walks. Then it goes back to your usual plan.",
    "A flare-up gives a {flare_days}-day relief plan (flare-relief advice, heat, gentle "
    "mobility, walking, safety-net) and no progression or regression that week, since pain "
    "during a flare says little about how the plan works.",
    ("checkin.flare_up",),
    ("NICE-NG59", "FRENCH-2006", "HENSCHKE-2008"),
)
WORSENING = AdaptRule(
    "AR-003",
    "Pain getting worse",
    "Your pain is importantly worse than before, so the exercises step back to easier "
    "versions, and it would be good to have your back looked at.",
    "This week's mean NPRS is importantly worse ({pain_important_points:g} points, or "
    "{pain_important_share:.0%} and at least {worsening_share_floor_points:g} point) than the "
    "episode's baseline, the current plan version's baseline or the week before: each timed "
    "item with a regression moves to its first safe regression, a GP review is added and the "
    "clinician is alerted.",
    ("checkins.pain_now", "baseline.episode", "baseline.plan", "plan.items.regression"),
    ("OSTELO-2008", "ABBOTT-2014", "NICE-NG59"),
)
PROGRESS = AdaptRule(
    "AR-004",
    "Improving and keeping at it",
    "Your pain has come down and you have kept up with the plan, so the exercises move one step "
    "up.",
    "Weekly mean NPRS importantly better ({pain_important_points:g} points or "
    "{pain_important_share:.0%}) than the episode's or the plan version's baseline, or settled "
    "at {settled_pain:g}/10 or less; not worse than either baseline or last week; the robust "
    "trend not rising; fewer than {high_pain_days} severe days; and at least "
    "{progress_adherence:.0%} of the exercise sessions the timetable holds: each timed item "
    "with a progression moves to its first progression that fits and is safe.",
    ("checkins.pain_now", "checkins.sessions_done", "sessions", "plan.week", "baseline"),
    ("OSTELO-2008", "NICE-NG59", "HAYDEN-2021", "SEN-1968"),
)
SIMPLIFY = AdaptRule(
    "AR-005",
    "Plan too hard to fit in",
    "You managed fewer than {simplify_adherence:.0%} of the exercise sessions your plan set "
    "for last week. That is common, so the plan is now shorter and simpler, keeping the daily "
    "stretch and walking.",
    "Exercise-session adherence < {simplify_adherence:.0%} (sessions done over the session "
    "days in the timetable; the daily stretch is counted apart), and pain not importantly "
    "better: keep the daily hamstring stretch, walking and the first session items; drop the "
    "rest and halve the minutes per day.",
    ("checkins.sessions_done", "sessions", "plan.week"),
    ("NICE-NG59", "HAYDEN-2021"),
)
NO_IMPROVEMENT = AdaptRule(
    "AR-006",
    "No change after six weeks",
    "You have kept up with the plan for {refer_after_weeks} weeks but your pain has not changed "
    "much. That is not your fault: it is time for a professional to look at your back with you.",
    "{refer_after_weeks} consecutive weeks of exercise-session adherence >= "
    "{progress_adherence:.0%} with no important change (NPRS against the episode baseline; PEG "
    "< {peg_important_share:.0%}; PSFS < {psfs_important_points:g} points): refer to "
    "physiotherapy, or to a combined programme when physiotherapy is already in the plan.",
    ("checkins", "sessions", "peg", "psfs", "baseline.episode", "plan.items"),
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
    "There were fewer than {min_readings} check-ins in the last 7 days, so the plan stays as it "
    "is. Checking in most days lets Backcare adjust the plan to you.",
    "Fewer than {min_readings} check-ins in the review week: pain and adherence rules are not "
    "applied.",
    ("checkins",),
    ("OSTELO-2008",),
)
WORSE_TWICE = AdaptRule(
    "AR-009",
    "Worse at two reviews in a row",
    "Your pain has been getting worse at {worsening_reviews} weekly reviews in a row. The "
    "exercises step back, and your clinician has been asked to review your plan: please "
    "contact your GP or physiotherapist this week.",
    "Worse at {worsening_reviews} consecutive weekly reviews (importantly worse than a "
    "baseline or last week, or the robust trend over {trend_days} days rising by an important "
    "amount): step down (once, with AR-003) and raise a clinician-review alert.",
    ("checkins.pain_now", "baseline", "trend"),
    ("NICE-NG59", "OSTELO-2008", "SEN-1968"),
)
RECURRENT_FLARES = AdaptRule(
    "AR-010",
    "Flare-ups keep coming back",
    "You have had {recurrent_flares} or more flare-ups in {recurrent_flare_days} days. Flare-ups "
    "that keep coming back are a reason to look at the whole plan with a professional, so your "
    "clinician has been asked to review it: please contact your GP or physiotherapist.",
    "{recurrent_flares} or more separate flare-ups (flare-up check-ins more than {flare_days} "
    "days apart) within {recurrent_flare_days} days, one of them starting in the review week: "
    "clinician-review alert; each flare still gets its relief plan.",
    ("checkins.flare_up",),
    ("NICE-NG59",),
)
SEVERE_PAIN = AdaptRule(
    "AR-011",
    "Very high pain for several days",
    "Your pain has been {high_pain_level} out of 10 or more on {high_pain_days} days this "
    "week. Please contact your GP or physiotherapist in the next day or two about your pain. If "
    "a warning sign appears, or you cannot cope, get help at once.",
    "Check-in pain >= {high_pain_level}/10 (severe band) on {high_pain_days} days within "
    "{high_pain_window_days} days: alert the clinician once, at the check-in that reaches the "
    "count; the weekly review does not progress a plan that week.",
    ("checkins.pain_now",),
    ("BOONSTRA-2016", "NICE-NG59"),
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
    WORSE_TWICE,
    RECURRENT_FLARES,
    SEVERE_PAIN,
)
