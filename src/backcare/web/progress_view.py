"""The progress page's view: charts from the progress report, and the plan's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from backcare.assessments.schemas import PlanVersionRead
from backcare.domain.plural import plural
from backcare.domain.progress import week_start
from backcare.tracking.progress import ProgressRead
from backcare.web.charts import PAIN_SCALE, SHARE_SCALE, Band, Marker, Point, bar_chart, line_chart

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


def week_events(report: ProgressRead) -> dict[dt.date, list[str]]:
    """Each week's flare-ups and plan changes in words, for the chart's legend and its table."""
    events: dict[dt.date, list[str]] = {}
    for day in report.flare_ups:
        events.setdefault(week_start(day), []).append(f"flare-up on {short_date(day)}")
    for change in report.plan_changes:
        events.setdefault(week_start(change.day), []).append(
            f"plan changed on {short_date(change.day)} (version {change.version})"
        )
    return events


def _markers(report: ProgressRead) -> list[Marker]:
    index = {week.week: n for n, week in enumerate(report.weeks)}
    found = {
        (index[week_start(day)], "flare") for day in report.flare_ups if week_start(day) in index
    }
    found |= {
        (index[week_start(c.day)], "change")
        for c in report.plan_changes
        if week_start(c.day) in index
    }
    return [Marker(n, kind) for n, kind in sorted(found)]


def pain_chart(report: ProgressRead) -> Markup:
    points = [Point(short_date(w.week), w.pain_mean) for w in report.weeks]
    band = change_band(report.baseline_pain, report.important_points, report.important_share)
    events = week_events(report)
    said = "; ".join(f"week of {short_date(w)}: {', '.join(e)}" for w, e in sorted(events.items()))
    return line_chart(
        "pain",
        title="Average pain each week",
        description=(
            f"Average pain (0 to 10) for each of {plural(len(points), 'week')}, against your "
            f"starting score of {report.baseline_pain}. The shaded band, from {band.low:g} to "
            f"{band.high:g}, is too close to the start to count as a real change."
            + (f" Marked on the chart: {said}." if said else "")
        ),
        points=points,
        band=band,
        reference=(report.baseline_pain, f"At the start: {report.baseline_pain}"),
        markers=_markers(report),
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
        empty="No exercise sessions planned yet",
    )


def psfs_chart(report: ProgressRead) -> Markup:
    """The personal activities (PSFS): the mean of the person's own activities at each answer."""
    points = [Point(short_date(answer.day), answer.mean) for answer in report.psfs]
    return line_chart(
        "psfs",
        title="Your own activities",
        description=(
            "How well you can do the activities you chose (0 is not at all, 10 is as before "
            "your back pain; higher is better): their average at each of "
            f"{plural(len(points), 'answer')}."
        ),
        points=points,
        scale=PAIN_SCALE,
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
