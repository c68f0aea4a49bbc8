"""The scheduler thread of ``serve``: runs the due reviews on its own, off in tests."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import Engine

from backcare.jobs.repository import runs_of
from backcare.jobs.scheduler import ReviewScheduler
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import read_only
from tests.store.adapt_support import assessed_patient, at, day


def test_the_scheduler_is_on_by_default_off_in_tests_and_when_set_to_zero() -> None:
    url = "sqlite:///:memory:"
    assert Settings(database_url=url).scheduler_on
    assert Settings(database_url=url).review_every_minutes == 10
    assert not Settings(database_url=url, environment="test").scheduler_on
    assert not Settings(database_url=url, review_every_minutes=0).scheduler_on


def test_the_thread_runs_what_is_due_without_anyone_asking(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    scheduler = ReviewScheduler(
        engine,
        knowledge=knowledge,
        every=dt.timedelta(seconds=0.2),
        today=lambda: day(7),
        now=lambda: at(day(7)),
    )
    scheduler.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with read_only(engine) as session:
                if runs_of(session, patient_id=patient_id):
                    break
            time.sleep(0.2)
    finally:
        scheduler.stop()
    with read_only(engine) as session:
        assert [run.week_ending for run in runs_of(session, patient_id=patient_id)] == [day(7)]
