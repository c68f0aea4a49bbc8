"""The progress page's view: three charts from the progress report, and the plan's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from backcare.assessments.schemas import PlanVersionRead
from backcare.tracking.progress import ProgressRead
from backcare.web.charts import SHARE_SCALE, Band, Point, bar_chart, line_chart

AUTHORS = {
    "backcare": "Made from your answers",
    "weekly-review": "Changed by the weekly review",
    "checkin-review": "Changed after a check-in",
    "flare-end": "Back to your usual plan after a flare-up",
}


def short_date(day: object) -> str:
    return f"{day:%-d %b}"


def change_band(baseline: float, points: float, share: float) -> Band:
    """Scores in this band are too close to the baseline to count as a real change.

    Below it pain fell by 2 points or 30% (the smallest change people notice, OSTELO-2008);
    above it pain rose by 2 points. The figures come from the knowledge, via the report.
    """
    better = max(baseline - points, baseline * (1 - share))
    return Band(max(better, 0.0), min(baseline + points, 10.0), "no clear change")


def pain_chart(report: ProgressRead) -> Markup:
    points = [Point(short_date(w.week), w.pain_mean) for w in report.weeks]
    band = change_band(report.baseline_pain, report.important_points, report.important_share)
    return line_chart(
        "pain",
        title="Average pain each week",
        description=(
            f"Average pain (0 to 10) for each of {len(points)} weeks, against your starting "
            f"score of {report.baseline_pain}. The shaded band, from {band.low:g} to "
            f"{band.high:g}, is too close to the start to count as a real change."
        ),
        points=points,
        band=band,
        reference=(report.baseline_pain, f"At the start: {report.baseline_pain}"),
    )


def peg_chart(report: ProgressRead) -> Markup:
    points = [Point(short_date(w.week), w.peg) for w in report.weeks]
    return line_chart(
        "peg",
        title="Weekly PEG score",
        description="How much pain affected your life each week (PEG, 0 to 10; lower is better).",
        points=points,
    )


def adherence_chart(report: ProgressRead) -> Markup:
    points = [Point(short_date(w.week), w.adherence) for w in report.weeks]
    return bar_chart(
        "adherence",
        title="Exercise sessions done each week",
        description=(
            "The share of the exercise sessions your plan set for each week that you did (100% "
            "is all of them; the daily stretch is not counted as a session)."
        ),
        points=points,
        scale=SHARE_SCALE,
    )


@dataclass(frozen=True, slots=True)
class VersionChange:
    version: PlanVersionRead
    author: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    level_changed: bool


def _titles(version: PlanVersionRead) -> dict[str, str]:
    return {item["id"]: item["title"] for item in version.plan.get("items", [])}


def plan_history(versions: Sequence[PlanVersionRead]) -> list[VersionChange]:
    """Each version, newest first, with what it added and removed compared with the one before."""
    out = []
    previous: PlanVersionRead | None = None
    for version in versions:
        now, before = _titles(version), _titles(previous) if previous else {}
        level = version.plan["triage"]["level"]
        out.append(
            VersionChange(
                version=version,
                author=AUTHORS.get(version.created_by, f"Made by {version.created_by}"),
                added=tuple(t for i, t in now.items() if previous and i not in before),
                removed=tuple(t for i, t in before.items() if i not in now),
                level_changed=previous is not None and previous.plan["triage"]["level"] != level,
            )
        )
        previous = version
    return out[::-1]
