"""Two workers propose the same hour for one clinician at the same moment: exactly one is kept,
the other is told of the clash (SAFETY.md H-185), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Role
from backcare.appointments import repository
from backcare.appointments.models import AppointmentTime
from backcare.appointments.schemas import AppointmentPropose
from backcare.appointments.service import propose
from backcare.errors import BackcareError, ConflictError
from backcare.store.db import read_only, unit_of_work
from tests.web.auth_support import grant, make_account

NOW = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)
WORKERS = 4


def test_simultaneous_proposals_of_one_hour_keep_exactly_one(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each worker dawdles between its clash check and its insert, as a busy server might: only
    # the lock on the clinician's row keeps a second worker from checking in that gap.
    checked = repository.clashes

    def slow_clashes(*args: Any, **kwargs: Any) -> Any:
        found = checked(*args, **kwargs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(repository, "clashes", slow_clashes)
    people = [make_account(engine, f"p{n}", Role.PERSON).patient_id for n in range(WORKERS)]
    make_account(engine, "physio", Role.CLINICIAN)
    for patient_id in people:
        assert patient_id
        grant(engine, "physio", patient_id)
    with read_only(engine) as session:
        account = account_by_name(session, "physio")
        assert account is not None
        actor = Actor(kind=Kind.CLINICIAN, name="physio", account_id=account.id)
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []
    start = NOW + dt.timedelta(days=1)

    def book(patient_id: str, offset: int) -> None:
        begins = start + dt.timedelta(minutes=offset)
        data = AppointmentPropose.model_validate(
            {
                "times": [{"starts_at": begins, "ends_at": begins + dt.timedelta(minutes=45)}],
                "mode": "in_person",
                "place": "Room 1",
            }
        )
        barrier.wait()
        try:
            with unit_of_work(engine) as session:
                propose(session, patient_id=patient_id, data=data, actor=actor, source="t", now=NOW)
            outcomes.append("kept")
        except ConflictError:
            outcomes.append("clash")
        except BackcareError as error:
            outcomes.append(f"error: {error}")

    threads = [
        threading.Thread(target=book, args=(patient_id, 10 * number))
        for number, patient_id in enumerate(people)
        if patient_id
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["clash"] * (WORKERS - 1) + ["kept"]
    with read_only(engine) as session:
        assert session.scalar(select(func.count()).select_from(AppointmentTime)) == 1
