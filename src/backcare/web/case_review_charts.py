"""The case-review summary's charts, in a clinician's words: the shared SVG charts
(web.charts) and the progress page's band of no important change (web.progress_view)."""

from __future__ import annotations

from markupsafe import Markup

from backcare.domain.plural import plural
from backcare.tracking.progress import ProgressRead
from backcare.web.charts import SHARE_SCALE, Point, bar_chart, line_chart
from backcare.web.progress_view import change_band, short_date

WEEKS_DRAWN = 12


def pain_chart(report: ProgressRead) -> Markup:
    """Mean pain each week against the first assessment's and the important-change band."""
    weeks = report.weeks[-WEEKS_DRAWN:]
    band = change_band(report.baseline_pain, report.important_points, report.important_share)
    return line_chart(
        "review-pain",
        title="Average pain each week",
        description=(
            f"Mean check-in pain (0 to 10) for each of the last {plural(len(weeks), 'week')}, "
            f"against {report.baseline_pain} at the first assessment. The shaded band, from "
            f"{band.low:g} to {band.high:g}, is no important change (2 points or 30%, "
            "OSTELO-2008)."
        ),
        points=[Point(short_date(w.week), w.pain_mean) for w in weeks],
        band=band,
        reference=(report.baseline_pain, f"First assessment: {report.baseline_pain}"),
    )


def adherence_chart(report: ProgressRead) -> Markup:
    """The share of the plan's exercise sessions done each week."""
    weeks = report.weeks[-WEEKS_DRAWN:]
    return bar_chart(
        "review-adherence",
        title="Exercise sessions done each week",
        description=(
            "The share of the exercise sessions the plan set for each week that were done "
            "(the daily stretch is not counted as a session)."
        ),
        points=[Point(short_date(w.week), w.adherence) for w in weeks],
        scale=SHARE_SCALE,
        empty="No exercise sessions planned yet",
    )
