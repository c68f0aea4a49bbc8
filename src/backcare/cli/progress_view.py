"""The progress screen: a week-by-week table, the changes that matter, streaks and a chart."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from backcare.domain.plural import plural
from backcare.domain.progress import SPARK
from backcare.tracking.progress import ChangeRead, ProgressRead, WeekRead

NONE = "-"


def show_progress(progress: ProgressRead, console: Console, *, name: str) -> None:
    """Everything ``backcare progress`` prints."""
    console.print(
        f"[bold]Progress of {name}[/] from {progress.start.isoformat()} to "
        f"{progress.today.isoformat()} (plan version {progress.plan_version}); "
        f"pain at the first assessment: {progress.baseline_pain}/10."
    )
    console.print(_week_table(progress))
    console.print(_change_line("Pain, last 7 days", progress.pain_change))
    console.print(_change_line("PEG (pain and interference)", progress.peg_change))
    # The PSFS threshold is in points only (2 points); a share of a low start would mislead.
    console.print(_change_line("PSFS (your own activities)", progress.psfs_change, share=False))
    console.print(
        f"Exercise streak: {plural(progress.current_streak, 'day')} in a row now; "
        f"longest {plural(progress.longest_streak, 'day')}."
    )
    console.print(f"Pain by week (0 {SPARK[0]} … {SPARK[-1]} 10): {progress.chart}")


def _week_table(progress: ProgressRead) -> Table:
    table = Table(
        title="Week by week",
        caption="✓ an important change: 2 points or 30% (OSTELO-2008)",
        show_header=True,
    )
    for column in ("Week of", "Pain (mean)", "Check-ins", "vs first assessment", "PEG"):
        table.add_column(column)
    table.add_column("Exercise sessions done / planned")
    for week in progress.weeks:
        table.add_row(
            week.week.isoformat(),
            NONE if week.pain_mean is None else f"{week.pain_mean:.1f}",
            str(week.readings),
            _week_change(week),
            NONE if week.peg is None else f"{week.peg:.1f}",
            _adherence(week),
        )
    return table


def _week_change(week: WeekRead) -> str:
    change = week.pain_change
    if change is None:
        return NONE
    mark = " [green]✓[/]" if change.meaningful else ""
    # Rounded first, so a tiny change shows as 0.0 rather than -0.0.
    points = round(-change.better, 1) + 0.0
    return f"{points:+.1f}{mark}"


def _adherence(week: WeekRead) -> str:
    if week.adherence is None:
        return f"{week.done} / {week.planned}"
    return f"{week.done} / {week.planned} ({week.adherence:.0%})"


def _change_line(label: str, change: ChangeRead | None, *, share: bool = True) -> str:
    if change is None:
        return f"{label}: not enough readings yet."
    percent = f", {abs(change.percent):.0%}" if share and change.percent is not None else ""
    direction = "better" if change.better >= 0 else "worse"
    verdict = (
        "[green]an important improvement[/]" if change.meaningful else "not yet an important change"
    )
    return (
        f"{label}: {change.baseline:.1f} → {change.latest:.1f} "
        f"({abs(change.better):.1f} points {direction}{percent}): {verdict}."
    )
