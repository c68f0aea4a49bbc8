"""Statements compiled by SQLAlchemy once per dialect and run on the driver's own cursor.

For the statement every signed-in request runs first (who a credential belongs to), the
execution machinery around the driver cost more than the query: on SQLite 46 µs against 6 µs
for the driver alone, and on PostgreSQL 310 µs against 95 µs, most of it psycopg building a
column description of the 14 columns for SQLAlchemy's result, on every call
(bench/api_cpu_bench.py). Here the SQL is the very text SQLAlchemy compiles for the
dialect, the parameters and the values read go through the column types' own bind and result
processors (the same conversions SQLAlchemy applies), and the statement runs on the
connection, so in the transaction, that the session already holds.

``DriverWrite`` does the same for an INSERT or UPDATE run for many rows at once: the audit
writer appends a batch of lines and moves the chain's head row by row this way (an append of
ten lines: about 380 µs through SQLAlchemy's executemany, 125 µs on the driver).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect, Select, UpdateBase
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None
_ASKED = object()
"""A parameter given with each call (``bindparam(name)``), not held by the statement."""


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None
    """The parameter names in order, for drivers with positional parameters (SQLite)."""
    binds: tuple[tuple[str, Processor, Any], ...]
    """Each parameter's name, bind processor, and value when the statement holds it."""
    results: tuple[Processor, ...]


class DriverQuery:
    """``select`` (one row or none), run on the session's connection through its driver."""

    def __init__(self, select: Select[Any]) -> None:
        self._select = select
        self._compiled: dict[str, _Compiled] = {}

    def first(self, session: Session, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row, its values converted as SQLAlchemy converts them; None if no row."""
        connection = session.connection()  # begins the session's transaction if need be
        compiled = self._for(connection.dialect)
        bound = _bound(compiled, params)
        cursor = connection.connection.cursor()
        try:
            cursor.execute(compiled.sql, bound)
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        return tuple(
            value if process is None else process(value)
            for process, value in zip(compiled.results, row, strict=True)
        )

    def _for(self, dialect: Dialect) -> _Compiled:
        # Two threads racing here each compile the same text: both results are the same.
        found = self._compiled.get(dialect.name)
        if found is None:
            found = _compile(self._select, dialect)
            self._compiled[dialect.name] = found
        return found


class DriverWrite:
    """An INSERT or UPDATE run for many rows in one call of the driver's ``executemany``."""

    def __init__(self, statement: UpdateBase, keys: tuple[str, ...]) -> None:
        self._statement = statement
        self._keys = keys
        """The names every row gives (an INSERT's columns, an UPDATE's parameters)."""
        self._compiled: dict[str, _Compiled] = {}

    def many(self, session: Session, rows: list[Mapping[str, Any]]) -> None:
        """Run the statement once for each row, in order, in the session's transaction."""
        connection = session.connection()
        compiled = self._compiled.get(connection.dialect.name)
        if compiled is None:  # two threads racing here compile the same text
            compiled = _compile(self._statement, connection.dialect, keys=self._keys)
            self._compiled[connection.dialect.name] = compiled
        bound = [_bound(compiled, row) for row in rows]
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(compiled.sql, bound)
        finally:
            cursor.close()


def _bound(compiled: _Compiled, params: Mapping[str, Any]) -> Any:
    values = {}
    for name, process, held in compiled.binds:
        value = params[name] if held is _ASKED else held
        values[name] = value if process is None else process(value)
    return values if compiled.positions is None else [values[n] for n in compiled.positions]


def _compile(
    statement: Select[Any] | UpdateBase, dialect: Dialect, *, keys: tuple[str, ...] = ()
) -> _Compiled:
    compiled = statement.compile(dialect=dialect, column_keys=list(keys) or None)
    used = set(compiled.bind_names.values())  # ``binds`` also lists anonymous aliases
    binds = tuple(
        (
            name,
            bind.type.dialect_impl(dialect).bind_processor(dialect),
            _ASKED if bind.required or name in keys else bind.effective_value,
        )
        for name, bind in compiled.binds.items()
        if name in used
    )
    results: tuple[Processor, ...] = ()
    if isinstance(statement, Select):
        results = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.selected_columns
        )
    positions = tuple(compiled.positiontup or ()) if compiled.positional else None
    return _Compiled(str(compiled), positions, binds, results)
