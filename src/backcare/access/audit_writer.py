"""Audit events written in batches by one thread: group commit for the busiest path.

Every request that touches a person's data adds a line to the hash-chained audit log, and each
line locks the chain's head. Written inside each request's own transaction, that lock (and, on
SQLite, the database's single write lock) was held for every read too, and reads queued behind
each other: GET plan fell to a quarter of a bare endpoint's throughput. Here requests hand their
event to one writer thread, which appends everything waiting in one transaction and then
releases every request of the batch. A request still answers only once its own line is
committed; under load the batches grow and each line costs a fraction of a transaction.

Group commit, as PostgreSQL's ``commit_delay`` and ``commit_siblings`` do it: a batch cost
about 350 µs of CPU whatever its size (the transaction, the head's lock and move, the insert)
plus about 50 µs a line, and with 16 requests in flight the batches held only about 5 lines,
because each was committed as soon as one line was waiting. So while requests that will write
a line are still at work (each holds an ``Expected`` from ``expecting``), the writer waits up to
``LINGER_SECONDS`` for their lines before it commits, and commits as soon as none is still
coming; with nobody else at work it commits at once, so a lone request waits for nothing.
The writer is woken once a batch (by the last expected line), not by every line, and the
requests of a batch are woken together: one call into each event loop per batch.

Two gaps, both in SECURITY.md: a write commits just before its audit batch, so a crash between
the two commits (the batch's wait, at most ``LINGER_SECONDS``, and its commit) can leave a
change whose line is missing (its answer is then never sent); and when the log cannot be
written at all, the answer still goes out and the failure goes to the server's error log,
because a person's emergency advice must never be withheld for want of an audit line
(SAFETY.md H-92); the wait itself is bounded (SAFETY.md H-220).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import queue
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Engine

from backcare.audit.schemas import AuditEvent
from backcare.audit.service import record_many
from backcare.store.db import unit_of_work

MAX_BATCH = 500
"""At most this many lines in one transaction: bounded time holding the chain's head."""
WAIT_SECONDS = 60.0
"""A caller waiting longer for its line means the database is stuck, not busy."""
LINGER_SECONDS = 0.01
"""How long a batch may wait for the lines of requests still at work (group commit). Under
load a request's answer waits for its batch anyway; with one request in flight, never."""


@dataclass(frozen=True, slots=True)
class _Job:
    event: AuditEvent
    at: dt.datetime
    done: Future[None] | None = None
    """A thread waiting for the line (``submit``, ``write_now``)."""
    waiter: asyncio.Future[None] | None = None
    """A coroutine waiting for the line (``write``), woken in its own event loop."""


class _Signal(Enum):
    STOP = "stop"
    """Commit what is queued, then end the thread."""


class AuditWriter:
    """The process's audit writer: a queue, and one thread committing what is in it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._queue: queue.SimpleQueue[_Job | _Signal] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._expected = 0
        self._none_expected = threading.Event()
        """Set while no line is expected: what a lingering batch waits for."""
        self._none_expected.set()

    @contextmanager
    def expecting(self) -> Iterator[Expected]:
        """Around a request's work whose audit line will follow: a batch may wait for it.

        Give the line with ``Expected.enqueue``; leaving the block without one (a refusal
        that names nobody, an error) tells the writer not to wait for it any longer.
        """
        with self._count_lock:
            self._expected += 1
            self._none_expected.clear()
        line = Expected(self)
        try:
            yield line
        finally:
            line.drop()

    def submit(self, event: AuditEvent, at: dt.datetime) -> Future[None]:
        """Queue a line; the future completes when it is committed (or fails with the error)."""
        done: Future[None] = Future()
        self._put(_Job(event, at, done=done))
        return done

    async def write(self, event: AuditEvent, at: dt.datetime) -> None:
        """Queue a line and wait, without holding a thread, until it is committed."""
        await self.enqueue(event, at)

    def enqueue(self, event: AuditEvent, at: dt.datetime) -> asyncio.Future[None]:
        """Queue a line from a coroutine; await the result to know it is committed."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._put(_Job(event, at, waiter=waiter))
        return waiter

    def write_now(self, event: AuditEvent, at: dt.datetime) -> None:
        """Queue a line and block this thread until it is committed (pages, plain threads)."""
        self.submit(event, at).result(timeout=WAIT_SECONDS)

    def close(self) -> None:
        """Commit what is queued, then stop the thread (the app's shutdown)."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_Signal.STOP)
            thread.join(timeout=WAIT_SECONDS)

    def _arrived(self) -> None:
        """One expected line came (or will not come)."""
        with self._count_lock:
            self._expected -= 1
            if self._expected == 0:
                self._none_expected.set()

    def _put(self, job: _Job) -> None:
        self._ensure_started()
        self._queue.put(job)

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
            if first is _Signal.STOP:
                return
            batch, stop = self._gather(first)
            self._commit(batch)
            if stop:
                return

    def _gather(self, first: _Job) -> tuple[list[_Job], bool]:
        """The batch that starts with ``first``, and whether the writer was told to stop."""
        # Wait a little, and only for lines that are surely coming: woken once, when the last
        # of them has come, rather than by each line as it is queued.
        if self._expected > 0:
            self._none_expected.wait(LINGER_SECONDS)
        batch = [first]
        while len(batch) < MAX_BATCH:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is _Signal.STOP:
                return batch, True
            batch.append(item)
        return batch, False

    def _commit(self, batch: list[_Job]) -> None:
        # Never raises: the thread must outlive any one batch, or every later request waits.
        error: Exception | None = None
        try:
            with unit_of_work(self._engine) as session:
                record_many(session, [(job.event, job.at) for job in batch])
        except Exception as failed:  # whatever failed, every waiting request must hear of it
            error = failed
        _settle_all(batch, error)


class Expected:
    """A request's audit line that the writer may wait for (``AuditWriter.expecting``)."""

    __slots__ = ("_open", "_writer")

    def __init__(self, writer: AuditWriter) -> None:
        self._writer = writer
        self._open = True

    def enqueue(self, event: AuditEvent, at: dt.datetime) -> asyncio.Future[None]:
        """Queue the line (see ``AuditWriter.enqueue``): it is no longer expected."""
        # Counted as arrived once it is queued: a batch that waits for the last expected line
        # then finds it in the queue.
        waiter = self._writer.enqueue(event, at)
        self._close()
        return waiter

    def drop(self) -> None:
        """No line will come."""
        self._close()

    def _close(self) -> None:
        if self._open:
            self._open = False
            self._writer._arrived()


def _settle_all(batch: list[_Job], error: Exception | None) -> None:
    """Tell every request of a batch how it went: one call into each event loop."""
    woken: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
    for job in batch:
        if job.done is not None:
            _settle(job.done, error)
        elif job.waiter is not None:
            woken.setdefault(job.waiter.get_loop(), []).append(job.waiter)
    for loop, waiters in woken.items():
        try:
            loop.call_soon_threadsafe(_wake, waiters, error)
        except RuntimeError:  # the loop is closed: nobody is left to tell
            continue


def _wake(waiters: list[asyncio.Future[None]], error: Exception | None) -> None:
    """In the waiters' own loop: complete each one still waiting (a cancelled one is not)."""
    for waiter in waiters:
        if waiter.done():
            continue  # its request was cancelled: its line was still written
        if error is None:
            waiter.set_result(None)
        else:
            waiter.set_exception(error)


def _settle(done: Future[None], error: Exception | None) -> None:
    """Complete a request's future, unless the request gave up (its client went away)."""
    if not done.set_running_or_notify_cancel():
        return  # cancelled: its line was still written, nobody is waiting for the news
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)
