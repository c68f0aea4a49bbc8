"""The API's transactions: each runs start to finish in one call on a worker thread.

A route awaits ``db.write(work)``: the session opens, ``work(session)`` runs the use case,
and the transaction commits, all in one thread, before the route answers. Keeping the
database work in one hop matters under load: a yield-dependency session would open, run and
commit in three separate thread-pool calls, holding SQLite's write lock while each waits
for a thread, which cut throughput by more than a third in bench/api_bench.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from anyio import CapacityLimiter, to_thread
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcare.store.db import POOL_SIZE, forget_erased, read_only, unit_of_work

T = TypeVar("T")


class Database:
    """Runs units of work for requests; nothing in it changes between requests."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # As many threads as the engine keeps connections: past them every request would
        # open and close a connection of its own (with 16 clients and SQLAlchemy's default
        # pool of 5, most did). Requests beyond the limit wait here in arrival order,
        # holding no thread.
        self._limiter = CapacityLimiter(POOL_SIZE)

    async def write(self, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction, committed before this returns."""
        return await to_thread.run_sync(self._write, work, limiter=self._limiter)

    async def read(self, work: Callable[[Session], T]) -> T:
        """``work`` in one read transaction, which never takes SQLite's write lock."""
        return await to_thread.run_sync(self._read, work, limiter=self._limiter)

    async def run(self, work: Callable[[], T]) -> T:
        """``work()`` on a worker thread; it opens the transactions it needs itself."""
        return await to_thread.run_sync(work, limiter=self._limiter)

    async def forget_erased(self) -> None:
        """After an erase: no copy of the erased rows left in SQLite's WAL (store.db)."""
        await to_thread.run_sync(forget_erased, self._engine, limiter=self._limiter)

    def _write(self, work: Callable[[Session], T]) -> T:
        with unit_of_work(self._engine) as session:
            return work(session)

    def _read(self, work: Callable[[Session], T]) -> T:
        with read_only(self._engine) as session:
            return work(session)
