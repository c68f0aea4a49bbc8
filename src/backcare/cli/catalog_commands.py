"""`backcare catalog list` and `catalog show`: browse the knowledge catalog.

Ids are never cut (Rich wraps the other columns instead), and `show` takes the shortest
thing that names one entry: its id, the start of its id, or any unique part of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer
from rich.console import Console

from backcare.cli.errors import InputProblem, fail, friendly_errors
from backcare.cli.tables import id_column_table

catalog_app = typer.Typer(help="Browse the knowledge catalog.", no_args_is_help=True)
MOST_CANDIDATES = 12
"""How many candidates an ambiguous `show` lists before saying how many more there are."""


def matching_id(text: str, ids: Iterable[str]) -> str:
    """The one id ``text`` names: itself, the only id starting with it, or the only one
    holding it. None or several: InputProblem with a sentence (several are listed)."""
    known = sorted(ids)
    wanted = text.strip().lower()
    if wanted in known:
        return wanted
    for found in ([i for i in known if i.startswith(wanted)], [i for i in known if wanted in i]):
        if len(found) == 1:
            return found[0]
        if found:
            more = len(found) - MOST_CANDIDATES
            shown = ", ".join(found[:MOST_CANDIDATES]) + (f" and {more} more" if more > 0 else "")
            raise InputProblem(
                f"{text!r} matches {len(found)} catalog entries: {shown}; give more of the id."
            )
    raise InputProblem(f"no catalog entry with an id like {text!r} (try `backcare catalog list`)")


@catalog_app.command("list")
def catalog_list(
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. stretch.")] = None,
) -> None:
    """List catalog entries (id, kind, title, phases)."""
    from backcare.engine import default_knowledge

    entries = [e for e in default_knowledge().catalog.values() if kind in (None, e.kind.value)]
    if not entries:
        fail(f"no catalog entries of kind {kind!r}")
    table = id_column_table("kind", "title", "phases", ids=(e.id for e in entries))
    for e in entries:
        table.add_row(e.id, e.kind.value, e.title, ", ".join(p.value for p in e.phases))
    Console(soft_wrap=False).print(table)


@catalog_app.command("show")
def catalog_show(
    entry_id: Annotated[
        str, typer.Argument(help="Catalog id, its start, or any part of it that names one entry.")
    ],
) -> None:
    """Show one entry in full: steps, dose, cautions, evidence."""
    from backcare.engine import default_knowledge

    catalog = default_knowledge().catalog
    with friendly_errors():
        entry = catalog[matching_id(entry_id, catalog)]
    console = Console(soft_wrap=False)
    console.print(f"[bold]{entry.title}[/] ({entry.kind.value}) — {entry.summary}")
    console.print(f"[dim]id: {entry.id}[/]")
    for number, step in enumerate(entry.steps, start=1):
        console.print(f"  {number}. {step}")
    if entry.feel:
        console.print(f"[bold]What you should feel:[/] {entry.feel}")
    console.print(f"[bold]How much:[/] {entry.dose.describe()}")
    for caution in entry.cautions:
        console.print(f"[yellow]Caution:[/] {caution}")
    if entry.evidence_note:
        console.print(f"[bold]Evidence:[/] {entry.evidence_note}")
    console.print(f"[bold]Sources:[/] {', '.join(entry.evidence)}")
