"""One SQLite writer at a time across processes, queued by the kernel instead of by sleeping.

SQLite lets one writer in at a time; a writer that finds another one busy waits in SQLite's
busy handler, which polls in sleeps of up to 100 ms. With several server workers (processes)
that sleeping made check-in p99 rise from about 90 ms to 0.5-1.9 s. Here a writer first
takes an exclusive ``flock`` on a small file beside the database (``backcare.db.writer-lock``):
the kernel queues the waiting processes and wakes the next one the moment the lock is given
back, so by the time a writer sends BEGIN IMMEDIATE nobody else holds SQLite's lock.

Handing the lock to another process costs a wake-up, and on a busy machine the woken
process may wait for a core while the lock sits idle; so a process that has more writers
queued keeps the lock for them, up to ``MAX_STREAK`` transactions in a row, then lets the
other processes in. A waiting process therefore waits for at most that many transactions.

The lock file holds nothing. The database file itself is never opened here: closing any
descriptor of it would drop SQLite's own POSIX locks. The kernel frees a flock when its
process dies, so a crashed worker never leaves the others waiting. Where ``fcntl`` does not
exist (Windows) this is a no-op and processes meet in the busy handler as before.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".writer-lock"
MAX_STREAK = 8
"""Transactions in a row a process may run before other processes' writers get their turn:
one per pooled connection, a few milliseconds of waiting at most for the others."""


def lock_path(database: Path) -> Path:
    """The lock file of a database file."""
    return database.with_name(database.name + LOCK_SUFFIX)


class ProcessWriteLock:
    """An exclusive lock shared by every process writing to one SQLite database.

    Used by one engine, whose writers take it one at a time (under the engine's own lock):
    ``queue``/``unqueue`` around waiting for that lock, ``acquire`` once it is theirs,
    ``release`` when their transaction ends.
    """

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._fd: int | None = None
        self._streak = 0
        self._queued = 0
        self._count = threading.Lock()

    def queue(self) -> None:
        """A writer of this process starts waiting for its turn."""
        with self._count:
            self._queued += 1

    def unqueue(self) -> None:
        """That writer has its turn (or gave up)."""
        with self._count:
            self._queued -= 1

    def acquire(self) -> None:
        """Hold the lock: kept from this process's previous writer, or waited for in the
        kernel (without polling) until no other process holds it."""
        if self._fd is not None:
            self._streak += 1
            return
        if fcntl is None:  # pragma: no cover - Windows
            return
        # Opened when taken and closed when given back, so an engine that is thrown away
        # leaves no descriptor open; the two system calls cost microseconds.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o660)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._streak = fd, 1

    def release(self) -> None:
        """Keep the lock for this process's next queued writer, unless the streak is long
        enough; else give it to the next waiting process (closing the file releases it)."""
        with self._count:
            keep = self._queued > 0 and self._streak < MAX_STREAK
        if not keep:
            self.give_back()

    def give_back(self) -> None:
        """Release the lock to other processes now."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)
