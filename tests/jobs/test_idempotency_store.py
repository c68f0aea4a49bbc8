"""Idempotency keys on the store: two deliveries at once store one write; old keys are dropped."""

from __future__ import annotations

import datetime as dt
import threading
import time

from sqlalchemy import Engine

from backcare.jobs.scheduler import ReviewScheduler
from backcare.knowledge.loader import Knowledge
from backcare.offline.service import KEPT_FOR, Answer, Asked, begin, finish
from backcare.patients.schemas import PatientRead
from backcare.settings import Settings
from backcare.store.db import make_engine, unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin
from tests.store.helpers import count_rows

NOW = dt.datetime(2024, 5, 15, 9, tzinfo=dt.UTC)


def asked(patient_id: str) -> Asked:
    return Asked(
        patient_id=patient_id, key="k" * 20, account_id="a", endpoint="e", request_hash="h"
    )


def test_two_deliveries_of_one_key_at_once_store_one_check_in(
    engine: Engine,
    settings: Settings,
    patient: PatientRead,
) -> None:
    start = threading.Barrier(2)
    answers: list[Answer | None] = []
    problems: list[BaseException] = []

    def deliver() -> None:
        own = make_engine(settings)
        try:
            start.wait()
            with unit_of_work(own) as session:
                kept = begin(session, asked(patient.id), now=NOW)
                if kept is None:
                    data = CheckInCreate(date=dt.date(2024, 5, 10), pain_now=4)
                    record_checkin(session, patient_id=patient.id, data=data, today=NOW.date())
                    time.sleep(0.3)  # the other delivery arrives while this one is running
                    finish(session, asked(patient.id), Answer(201, "application/json", "{}"))
                answers.append(kept)
        except BaseException as error:  # reported below
            problems.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert problems == []
    assert sorted(answers, key=lambda a: a is not None) == [
        None,
        Answer(201, "application/json", "{}"),
    ]
    assert count_rows(engine, "checkins") == 1


def test_the_scheduler_drops_answers_older_than_they_are_kept_for(
    engine: Engine,
    knowledge: Knowledge,
    patient: PatientRead,
) -> None:
    with unit_of_work(engine) as session:
        begin(session, asked(patient.id), now=NOW - KEPT_FOR - dt.timedelta(days=1))
        fresh = Asked(patient.id, "f" * 20, "a", "e", "h")
        begin(session, fresh, now=NOW)
    scheduler = ReviewScheduler(
        engine,
        knowledge=knowledge,
        every=dt.timedelta(minutes=10),
        today=lambda: NOW.date(),
        now=lambda: NOW,
    )
    scheduler.run_once()
    assert count_rows(engine, "idempotent_requests") == 1
