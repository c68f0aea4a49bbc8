"""Audit events written in batches by one thread: group commit for the busiest path.

Every request that touches a person's data adds a line to the hash-chained audit log, and each
line locks the chain's head. Written inside each request's own transaction, that lock (and, on
SQLite, the database's single write lock) was held for every read too, and reads queued behind
each other: GET plan fell to a quarter of a bare endpoint's throughput. Here requests hand their
event to one writer thread, which appends everything waiting in one transaction and then
releases every request of the batch. A request still answers only once its own line is
committed; under load the batches grow and each line costs a fraction of a transaction.

Two gaps, both in SECURITY.md: a write commits just before its audit batch, so a crash between
the two commits (milliseconds) can leave a change whose line is missing (its answer is then
never sent); and when the log cannot be written at all, the answer still goes out and the
failure goes to the server's error log, because a person's emergency advice must never be
withheld for want of an audit line (SAFETY.md H-92).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from sqlalchemy import Engine

from backcare.audit.schemas import AuditEvent
from backcare.audit.service import record_many
from backcare.store.db import unit_of_work

MAX_BATCH = 500
"""At most this many lines in one transaction: bounded time holding the chain's head."""
WAIT_SECONDS = 60.0
"""A caller waiting longer for its line means the database is stuck, not busy."""


@dataclass(frozen=True, slots=True)
class _Job:
    event: AuditEvent
    at: dt.datetime
    done: Future[None]


class AuditWriter:
    """The process's audit writer: a queue, and one thread committing what is in it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def submit(self, event: AuditEvent, at: dt.datetime) -> Future[None]:
        """Queue a line; the future completes when it is committed (or fails with the error)."""
        self._ensure_started()
        job = _Job(event, at, Future())
        self._queue.put(job)
        return job.done

    async def write(self, event: AuditEvent, at: dt.datetime) -> None:
        """Queue a line and wait, without holding a thread, until it is committed."""
        await asyncio.wrap_future(self.submit(event, at))

    def write_now(self, event: AuditEvent, at: dt.datetime) -> None:
        """Queue a line and block this thread until it is committed (pages, plain threads)."""
        self.submit(event, at).result(timeout=WAIT_SECONDS)

    def close(self) -> None:
        """Commit what is queued, then stop the thread (the app's shutdown)."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=WAIT_SECONDS)

    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="backcare-audit-writer", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stop = True
                    break
                batch.append(job)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[_Job]) -> None:
        # Never raises: the thread must outlive any one batch, or every later request waits.
        try:
            with unit_of_work(self._engine) as session:
                record_many(session, [(job.event, job.at) for job in batch])
        except Exception as error:  # whatever failed, every waiting request must hear of it
            for job in batch:
                _settle(job.done, error)
            return
        for job in batch:
            _settle(job.done, None)


def _settle(done: Future[None], error: Exception | None) -> None:
    """Complete a request's future, unless the request gave up (its client went away)."""
    if not done.set_running_or_notify_cancel():
        return  # cancelled: its line was still written, nobody is waiting for the news
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)
