"""What the person and the administrator see of the log: who opened a record, pages of rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from backcare.audit.schemas import AuditAction, AuditActor
from backcare.audit.service import list_events, record, who_opened
from backcare.errors import InvalidInputError
from backcare.store.db import read_only, unit_of_work
from tests.store.audit_support import AT, NURSE, event

ANN = "a" * 32
BO = "b" * 32
ADMIN = AuditActor(actor_id="acc-admin", role="admin", name="Ada Admin")


def test_who_opened_a_record_groups_each_actor_and_action_newest_first(engine: Engine) -> None:
    later = AT + dt.timedelta(hours=1)
    with unit_of_work(engine) as session:
        record(session, event(ANN), at=AT)
        record(session, event(BO), at=AT)
        record(session, event(ANN), at=later)
        glass = event(ANN, actor=ADMIN, action=AuditAction.access_break_glass, detail="alert")
        record(session, glass, at=later)
        denied = event(ANN, actor=ADMIN).model_copy(update={"outcome": "denied"})
        record(session, denied, at=later)
    with read_only(engine) as session:
        seen = who_opened(session, patient_id=ANN)
    assert [(s.actor_name, s.action, s.outcome, s.times) for s in seen] == [
        ("Ada Admin", "record.read", "denied", 1),
        ("Ada Admin", "access.break_glass", "allowed", 1),
        ("Nurse Rita", "record.read", "allowed", 2),
    ]
    assert (seen[-1].first_at, seen[-1].last_at, seen[-1].actor_id) == (AT, later, NURSE.actor_id)


def test_rows_are_listed_newest_first_a_page_at_a_time(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        for n in range(5):
            record(session, event(ANN if n % 2 else BO), at=AT + dt.timedelta(seconds=n))
    with read_only(engine) as session:
        everything = list_events(session, limit=3, offset=1)
        anns = list_events(session, patient_id=ANN)
    assert [row.seq for row in everything] == [4, 3, 2]
    assert [row.seq for row in anns] == [4, 2]


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (10_001, 0), (10, -1)])
def test_a_page_out_of_bounds_is_refused(engine: Engine, limit: int, offset: int) -> None:
    with read_only(engine) as session, pytest.raises(InvalidInputError):
        list_events(session, limit=limit, offset=offset)
