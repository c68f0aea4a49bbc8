"""The API's transactions: each runs start to finish in one call on a worker thread.

A route awaits ``db.write(work)``: the session opens, ``work(session)`` runs the use case,
and the transaction commits, all in one thread, before the route answers. Keeping the
database work in one hop matters under load: a yield-dependency session would open, run and
commit in three separate thread-pool calls, holding SQLite's write lock while each waits
for a thread, which cut throughput by more than a third in bench/api_bench.py.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from backcare.store.db import read_only, unit_of_work

T = TypeVar("T")


class Database:
    """Runs units of work for requests; nothing in it changes between requests."""

    def __init__(self, engine: Engine, gate: AbstractContextManager[object]) -> None:
        self._engine = engine
        self._gate = gate

    async def write(self, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction, committed before this returns."""
        return await run_in_threadpool(self._write, work)

    async def read(self, work: Callable[[Session], T]) -> T:
        """``work`` in one read transaction, which never takes SQLite's write lock."""
        return await run_in_threadpool(self._read, work)

    def _write(self, work: Callable[[Session], T]) -> T:
        with self._gate, unit_of_work(self._engine) as session:
            return work(session)

    def _read(self, work: Callable[[Session], T]) -> T:
        with read_only(self._engine) as session:
            return work(session)
