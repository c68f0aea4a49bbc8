"""Tables of things with ids: the ids printed whole, whatever the terminal's width."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table


def id_column_table(*columns: str, ids: Iterable[str]) -> Table:
    """A table whose first column holds ids whole: as wide as the longest, never wrapped."""
    table = Table(show_header=True)
    table.add_column("id", no_wrap=True, min_width=max((len(i) for i in ids), default=2))
    for column in columns:
        table.add_column(column, overflow="fold")
    return table
