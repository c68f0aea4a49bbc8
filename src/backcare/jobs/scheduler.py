"""The scheduler thread ``serve`` starts in each worker: every few minutes, run what is due.

Several workers (processes) each run one; the leases in the database, not anything in a
process, make each due review run once (backcare.jobs.service).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable

from sqlalchemy import Engine

from backcare.jobs.service import run_due
from backcare.knowledge.loader import Knowledge
from backcare.offline.service import forget_old
from backcare.store.db import unit_of_work

_log = logging.getLogger(__name__)
FIRST_PASS_SPREAD_SECONDS = 30.0
"""Workers started together begin at random points of this span, not all at the same moment."""


class ReviewScheduler:
    """A daemon thread running ``run_due`` every ``every`` until stopped."""

    def __init__(
        self,
        engine: Engine,
        *,
        knowledge: Knowledge,
        every: dt.timedelta,
        today: Callable[[], dt.date],
        now: Callable[[], dt.datetime],
    ) -> None:
        self._engine = engine
        self._knowledge = knowledge
        self._every = every.total_seconds()
        self._today = today
        self._now = now
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="review-scheduler", daemon=True)

    def start(self) -> None:
        """Begin running passes in the background."""
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to finish its pass and end; wait for it a little."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def run_once(self) -> None:
        """One pass; a failure is logged and the next pass tries again."""
        try:
            summary = run_due(
                self._engine, knowledge=self._knowledge, today=self._today(), now=self._now()
            )
        except Exception:  # a broken pass must not end the thread: the next one may work
            _log.exception("the weekly-review pass failed")
            return
        self._forget_old_answers()
        if summary.outcomes:
            _log.info(
                "weekly reviews: %d done, %d failed, %d left to other workers",
                summary.count("done"),
                summary.count("failed"),
                summary.count("skipped"),
            )

    def _forget_old_answers(self) -> None:
        """Drop Idempotency-Key answers older than any offline queue could still replay."""
        try:
            with unit_of_work(self._engine) as session:
                forget_old(session, now=self._now())
        except Exception:  # housekeeping only: the next pass tries again
            _log.exception("old idempotency answers were not removed")

    def _loop(self) -> None:
        if self._stop.wait(random.uniform(0, min(FIRST_PASS_SPREAD_SECONDS, self._every))):
            return
        while not self._stop.is_set():
            self.run_once()
            self._stop.wait(self._every)
