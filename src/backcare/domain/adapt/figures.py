"""What the weekly review measured, in plain words for the person and as figures for the record.

Every review that judges pain says what it compared (this week against the start of the
episode, of the plan and last week), the trend, the rule with its source, and the adherence
with its denominators.
"""

from __future__ import annotations

from backcare.domain.adapt.signals import Signals
from backcare.domain.adherence import describe

SOURCE = "OSTELO-2008"


def _compare(name: str, before: float, pain: float) -> str:
    diff = before - pain
    share = f" ({abs(diff) / before:.0%})" if before else ""
    if abs(diff) < 0.05:
        return f"{name.capitalize()} it was {before:.1f}: about the same."
    direction = "better" if diff > 0 else "worse"
    return f"{name.capitalize()} it was {before:.1f}: {abs(diff):.1f} points{share} {direction}."


def course_words(signals: Signals) -> list[str]:
    """This week's pain against each reference, the trend, the rule, and the adherence."""
    lines: list[str] = []
    if signals.pain is not None:
        lines.append(
            f"This week your pain averaged {signals.pain:.1f} out of 10 over "
            f"{signals.readings} check-ins."
        )
        lines += [_compare(name, value, signals.pain) for name, value in signals.references()]
    trend = signals.trend
    if trend is not None:
        weeks = round(trend.days / 7)
        speed = abs(trend.per_week)
        if speed < 0.25:
            lines.append(f"Over the last {weeks} weeks it has been about level.")
        else:
            way = "falling" if trend.per_week < 0 else "rising"
            lines.append(
                f"Over the last {weeks} weeks it has been {way} by about {speed:.1f} points a week."
            )
    if signals.pain is not None:
        lines.append(signals.rule.words())
    lines.append(f"You did {describe(signals.adherence)}.")
    return lines


def course_figures(signals: Signals) -> dict[str, object]:
    """The same, as numbers (rounded) for the review's record and ``--json``."""
    rule, trend, plan = signals.rule, signals.trend, signals.baselines.plan
    sessions = signals.adherence.sessions
    return {
        "pain_this_week": _round(signals.pain),
        "readings": signals.readings,
        "baseline_episode": signals.baselines.episode.pain,
        "baseline_plan": _round(plan.pain),
        "plan_since": plan.since.isoformat() if plan.since else None,
        "pain_last_week": _round(signals.last_week),
        "trend_per_week": None if trend is None else round(trend.per_week, 2),
        "important_change": {"points": rule.points, "share": rule.share, "source": SOURCE},
        "exercise_sessions": {"done": sessions.done, "planned": sessions.planned},
        "daily_items": {
            name: None if tally is None else {"done": tally.done, "planned": tally.planned}
            for name, tally in signals.adherence.micro
        },
        "severe_days": signals.severe,
        "worse_than": [name for name, _ in signals.worse_than()],
        "better_than": [name for name, _ in signals.better_than()],
        "rising": signals.rising,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
