"""Readable Rich views of triage results and plans for the terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcare.domain.plan_model import DAYS, Plan, TriageResult
from backcare.domain.vocabulary import Level

_STYLE = {
    Level.emergency: "bold white on red",
    Level.urgent: "bold red",
    Level.soon: "bold yellow",
    Level.self_care: "bold green",
}


def triage_panel(result: TriageResult) -> Panel:
    """The level, what to do, and every warning sign that was found."""
    flags = Table(show_header=True, header_style="bold", expand=True)
    flags.add_column("Sign")
    flags.add_column("Level")
    flags.add_column("Why it matters")
    for flag in result.red_flags:
        level = flag.level.value if flag.escalates else "noted only"
        flags.add_row(flag.label, level, flag.reason)
    body: list[Text | Table] = [Text(result.action)]
    if result.red_flags:
        body.append(flags)
    body.append(Text(result.disclaimer, style="dim"))
    title = Text(f"{result.headline} ({result.timeframe})", style=_STYLE[result.level])
    return Panel(Group(*body), title=title, title_align="left")


def plan_view(plan: Plan, console: Console) -> None:
    """Triage, the week at a glance, each item, and what is not recommended."""
    console.print(triage_panel(plan.triage))
    c = plan.classification
    console.print(f"[bold]Episode:[/] {c.duration}, {c.type.replace('_', '-')}, risk {c.risk}")
    for line in plan.explanation[1:]:
        console.print(f"• {line}")
    if any(plan.week.values()):
        console.print(_week_table(plan))
    console.print(_items_table(plan))
    if plan.not_recommended:
        avoid = Table(title="Not recommended", show_header=True, expand=True)
        avoid.add_column("What")
        avoid.add_column("Why")
        for nr in plan.not_recommended:
            avoid.add_row(nr.title, nr.why)
        console.print(avoid)
    console.print(Text(plan.disclaimer, style="dim"))


def _week_table(plan: Plan) -> Table:
    titles = {item.id: item.title for item in plan.items}
    table = Table(title="Your week", show_header=True, expand=True)
    for day in DAYS:
        table.add_column(f"{day.title()} ({plan.total_minutes_per_day[day]:g} min)")
    table.add_row(*("\n".join(titles[i] for i in plan.week[day]) for day in DAYS))
    return table


def _items_table(plan: Plan) -> Table:
    table = Table(title="Your plan", show_header=True, expand=True)
    for column in ("What", "Kind", "How much", "When", "Why", "Sources"):
        table.add_column(column)
    for item in plan.items:
        table.add_row(
            item.title,
            item.kind.value.replace("_", " "),
            item.dose,
            item.schedule,
            item.why,
            ", ".join(item.evidence),
        )
    return table
