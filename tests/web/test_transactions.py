"""The API's units of work run on at most as many threads as the engine keeps connections."""

from __future__ import annotations

import threading
import time

import anyio
from anyio.from_thread import start_blocking_portal
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from backcare.store.db import POOL_SIZE
from backcare.web.transactions import Database


def test_at_most_pool_size_units_of_work_run_at_once(engine: Engine) -> None:
    database = Database(engine)
    lock = threading.Lock()
    running, peak, done = 0, 0, 0

    def work(session: Session) -> None:
        nonlocal running, peak, done
        session.execute(text("SELECT 1"))
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
            done += 1

    async def many() -> None:
        async with anyio.create_task_group() as group:
            for n in range(3 * POOL_SIZE):
                group.start_soon(database.read if n % 2 else database.write, work)

    # A loop of its own in a thread: the browser tests leave one running in this thread.
    with start_blocking_portal() as portal:
        portal.call(many)
    assert done == 3 * POOL_SIZE
    assert 1 < peak <= POOL_SIZE
