"""The audit chain on both databases: intact chains verify; every edit, removal and swap shows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from backcare.audit.schemas import ChainReport
from backcare.audit.service import list_events, record, record_many, verify
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store
from tests.store.audit_support import AT, append, check, disable_guards, event, raw

ROWS = 5
HASH_F = "'" + "f" * 64 + "'"
# One new value per column, as SQL both databases accept (the time differs by dialect).
EDITS: dict[str, str | dict[str, str]] = {
    "at": {"sqlite": "'2030-01-01 00:00:00.000000'", "postgresql": "at + interval '1 second'"},
    "actor_id": "'acc-mallory'",
    "actor_role": "'admin'",
    "actor_name": "'Mallory'",
    "action": "'record.write'",
    "patient_key": "'" + "b" * 32 + "'",
    "outcome": "'denied'",
    "source": "'203.0.113.66'",
    "detail": "'edited'",
    "detail_salt": "'" + "0" * 32 + "'",
    "prev_hash": HASH_F,
    "row_hash": HASH_F,
}


class AbortedError(Exception):
    """Raised inside a unit of work to roll it back."""


@pytest.fixture
def tampered(engine: Engine) -> Engine:
    """A log of ROWS rows whose append-only triggers are gone, ready to be tampered with."""
    append(engine, ROWS, detail="seen")
    disable_guards(engine)
    return engine


def verify_after(engine: Engine, *statements: str) -> ChainReport:
    """The report on the chain with ``statements`` applied; closing the session undoes them."""
    with Session(engine) as session:
        for statement in statements:
            session.execute(text(statement))
        return verify(session)


def test_an_empty_log_verifies(engine: Engine) -> None:
    report = check(engine)
    assert (report.ok, report.rows_checked, report.head_hash) == (True, 0, "0" * 64)


def test_every_appended_row_is_chained_to_the_one_before(engine: Engine) -> None:
    append(engine, ROWS)
    report = check(engine)
    assert (report.ok, report.rows_checked, report.first_bad_seq) == (True, ROWS, None)
    with read_only(engine) as session:
        rows = list_events(session, limit=ROWS)[::-1]
    assert [row.seq for row in rows] == list(range(1, ROWS + 1))
    assert all(row.prev_hash == before.row_hash for before, row in itertools.pairwise(rows))
    assert report.head_hash == rows[-1].row_hash


@pytest.mark.parametrize("column", sorted(EDITS))
def test_editing_any_column_of_any_row_is_detected(tampered: Engine, column: str) -> None:
    edit = EDITS[column]
    value = edit if isinstance(edit, str) else edit[tampered.dialect.name]
    for seq in range(1, ROWS + 1):
        report = verify_after(
            tampered, f"UPDATE audit_log SET {column} = {value} WHERE seq = {seq}"
        )
        assert (report.ok, report.first_bad_seq) == (False, seq), (column, seq)
        assert f"row {seq} " in report.problem
    assert check(tampered).ok


@pytest.mark.parametrize("seq", [1, 3, ROWS])
def test_deleting_a_row_is_detected(tampered: Engine, seq: int) -> None:
    report = verify_after(tampered, f"DELETE FROM audit_log WHERE seq = {seq}")
    assert (report.ok, report.first_bad_seq) == (False, seq)
    assert f"row {seq} is missing" in report.problem


def test_renumbering_rows_to_close_the_gap_of_a_deleted_one_is_detected(tampered: Engine) -> None:
    report = verify_after(
        tampered,
        "DELETE FROM audit_log WHERE seq = 2",
        "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2",
    )
    assert (report.ok, report.first_bad_seq) == (False, 2)


def test_swapping_two_rows_is_detected(tampered: Engine) -> None:
    report = verify_after(
        tampered,
        "UPDATE audit_log SET seq = -1 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = -1",
    )
    assert (report.ok, report.first_bad_seq) == (False, 2)


def test_the_database_refuses_to_change_or_delete_a_row(engine: Engine) -> None:
    append(engine, 2, detail="seen")
    for statement in (
        "UPDATE audit_log SET detail = 'edited' WHERE seq = 1",
        "UPDATE audit_log SET actor_name = 'Mallory', detail_salt = NULL, detail = '', "
        f"detail_seal = {HASH_F} WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 2",
        "UPDATE audit_chain_head SET last_seq = 1, last_hash = " + HASH_F,
        "DELETE FROM audit_chain_head",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            raw(engine, statement)
    assert check(engine).ok


@pytest.mark.postgres
def test_postgres_refuses_to_truncate_the_log(postgres_url: str) -> None:
    engine = open_store(Settings(database_url=postgres_url))
    try:
        append(engine, 1)
        with pytest.raises(DBAPIError, match="append-only"):
            raw(engine, "TRUNCATE audit_log")
    finally:
        engine.dispose()


def test_an_access_rolled_back_leaves_no_row_and_no_gap(engine: Engine) -> None:
    def record_then_fail() -> None:
        with unit_of_work(engine) as session:
            record(session, event(), at=AT)
            raise AbortedError

    with pytest.raises(AbortedError):
        record_then_fail()
    append(engine, 1)
    report = check(engine)
    assert (report.ok, report.rows_checked) == (True, 1)


def test_a_time_given_in_another_zone_is_stored_in_utc_and_verifies(engine: Engine) -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    with unit_of_work(engine) as session:
        record(session, event(), at=AT.astimezone(paris))
    with read_only(engine) as session:
        (row,) = list_events(session, limit=1)
    assert row.at == AT
    assert row.at.utcoffset() == dt.timedelta(0)
    assert check(engine).ok


def test_a_read_recorded_without_waiting_for_the_disk_is_still_chained(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        record(session, event(), at=AT, durable=False)
        if engine.dialect.name == "postgresql":
            setting = session.execute(text("SHOW synchronous_commit")).scalar_one()
            assert setting == "off"
    with unit_of_work(engine) as session:
        record(session, event(), at=AT)
        if engine.dialect.name == "postgresql":
            assert session.execute(text("SHOW synchronous_commit")).scalar_one() == "on"
    assert (check(engine).ok, check(engine).rows_checked) == (True, 2)


def test_a_batch_appended_at_once_is_chained_row_by_row(engine: Engine) -> None:
    append(engine, 2)
    batch = [(event(detail=f"line {n}"), AT + dt.timedelta(seconds=n)) for n in range(4)]
    with unit_of_work(engine) as session:
        record_many(session, batch)
    append(engine, 1)
    report = check(engine)
    assert (report.ok, report.rows_checked) == (True, 7)
    with read_only(engine) as session:
        rows = list_events(session, limit=7)[::-1]
    assert [row.seq for row in rows] == list(range(1, 8))
    assert [row.detail for row in rows[2:6]] == [f"line {n}" for n in range(4)]
    assert all(row.prev_hash == before.row_hash for before, row in itertools.pairwise(rows))


def test_an_edit_inside_a_batch_is_detected(engine: Engine) -> None:
    batch = [(event(detail=f"line {n}"), AT) for n in range(ROWS)]
    with unit_of_work(engine) as session:
        record_many(session, batch)
    disable_guards(engine)
    report = verify_after(engine, "UPDATE audit_log SET source = '203.0.113.66' WHERE seq = 3")
    assert (report.ok, report.first_bad_seq) == (False, 3)


def test_a_batch_rolled_back_leaves_no_row_and_no_gap(engine: Engine) -> None:
    def record_then_fail() -> None:
        with unit_of_work(engine) as session:
            record_many(session, [(event(), AT), (event(), AT)])
            raise AbortedError

    with pytest.raises(AbortedError):
        record_then_fail()
    append(engine, 1)
    assert (check(engine).ok, check(engine).rows_checked) == (True, 1)
