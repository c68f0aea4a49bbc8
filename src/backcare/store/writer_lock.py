"""One SQLite writer at a time across processes, queued by the kernel instead of by sleeping.

SQLite lets one writer in at a time; a writer that finds another one busy waits in SQLite's
busy handler, which polls in sleeps of up to 100 ms. With several server workers (processes)
that sleeping made check-in p99 rise from about 90 ms to 0.5-1.9 s. Here a writer first
takes an exclusive ``flock`` on a small file beside the database (``backcare.db.writer-lock``):
the kernel queues the waiting processes and wakes the next one the moment the lock is given
back, so by the time a writer sends BEGIN IMMEDIATE nobody else holds SQLite's lock.

The lock file holds nothing. The database file itself is never opened here: closing any
descriptor of it would drop SQLite's own POSIX locks. The kernel frees a flock when its
process dies, so a crashed worker never leaves the others waiting. Where ``fcntl`` does not
exist (Windows) this is a no-op and processes meet in the busy handler as before.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".writer-lock"


def lock_path(database: Path) -> Path:
    """The lock file of a database file."""
    return database.with_name(database.name + LOCK_SUFFIX)


class ProcessWriteLock:
    """An exclusive lock shared by every process writing to one SQLite database."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Wait (in the kernel, without polling) until no other process holds the lock."""
        if fcntl is None:  # pragma: no cover - Windows
            return
        # Opened per transaction and closed on release, so an engine that is thrown away
        # leaves no descriptor open; the two system calls cost microseconds.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o660)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Give the lock to the next waiting process (closing the file releases it)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)
