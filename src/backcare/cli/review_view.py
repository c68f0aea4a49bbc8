"""What a review did, in plain words: what changed and why, or why nothing did."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from backcare.adaptation.schemas import ReviewRead, ReviewReport
from backcare.domain.plan.builder import SAFETY_ONLY

_TITLES = {
    "weekly": "Weekly review",
    "checkin": "Check-in review",
    "flare_end": "End of the flare-up",
}


def show_report(report: ReviewReport, console: Console, *, quiet: bool = False) -> None:
    """Each review, then the triage level now; ``quiet`` skips reviews where no rule fired."""
    shown = [r for r in report.reviews if not quiet or r.rules_fired or r.plan_version]
    if not shown and report.level not in SAFETY_ONLY:
        return
    for review in shown:
        show_review(review, console)
    show_level(report, console)


def show_review(review: ReviewRead, console: Console) -> None:
    """The explanation, the changes item by item, and any alert raised."""
    title = f"{_TITLES[review.kind]} ({review.day.isoformat()})"
    if review.plan_version is None:
        console.print(f"[bold]{title}: no change.[/]")
    else:
        console.print(f"[bold]{title}: new plan version {review.plan_version}.[/]")
    for line in review.explanation.splitlines():
        console.print(f"  {line}")
    if review.changes:
        console.print(_changes_table(review))
    for alert in review.alerts:
        summary = alert.detail.get("summary", "")
        console.print(f"  [yellow]Alert for your clinician:[/] {alert.kind} — {summary}")


def show_level(report: ReviewReport, console: Console) -> None:
    """The triage level of the plan now: a clear instruction when it needs a doctor first."""
    if report.level in SAFETY_ONLY:
        console.print(f"[bold white on red] {report.headline.upper()} [/]")
        console.print(f"[bold red]{report.action}[/]")
        return
    level = report.level.value.replace("_", " ")
    console.print(
        f"Now on plan version {report.plan_version}. Triage ({level}): {report.headline}."
    )


def _changes_table(review: ReviewRead) -> Table:
    table = Table("Item", "Change", "Now", "Why", show_header=True, expand=True)
    for change in review.changes:
        table.add_row(change.item_id, change.action, change.replacement_id or "", change.reason)
    return table
