"""The batching audit writer: every line committed before its request hears so, in one chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from backcare.access import audit_writer
from backcare.access.audit_writer import AuditWriter
from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent
from backcare.audit.service import verify
from backcare.store.db import read_only
from backcare.store.types import utcnow
from tests.store.helpers import count_rows

EVENT = AuditEvent(
    actor=AuditActor(actor_id="a" * 32, role="person"),
    action=AuditAction.record_read,
    patient_id="b" * 32,
    source="127.0.0.1",
)


def test_each_line_is_committed_before_its_writer_returns(engine: Engine) -> None:
    writer = AuditWriter(engine)
    try:
        for expected in range(1, 4):
            writer.write_now(EVENT, utcnow())
            assert count_rows(engine, "audit_log") == expected
    finally:
        writer.close()


def test_lines_from_many_threads_form_one_unbroken_chain(engine: Engine) -> None:
    writer = AuditWriter(engine)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda _: writer.write_now(EVENT, utcnow()), range(200)))
    finally:
        writer.close()
    assert count_rows(engine, "audit_log") == 200
    with read_only(engine) as session:
        report = verify(session)
    assert report.ok
    assert report.rows_checked == 200


def test_a_failed_batch_fails_every_request_in_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit_writer, "record_many", broken)
    writer = AuditWriter(engine)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            writer.write_now(EVENT, utcnow())
    finally:
        writer.close()
    assert count_rows(engine, "audit_log") == 0


def test_closing_commits_what_is_queued(engine: Engine) -> None:
    writer = AuditWriter(engine)
    pending = [writer.submit(EVENT, utcnow()) for _ in range(20)]
    writer.close()
    assert all(future.done() and future.exception() is None for future in pending)
    assert count_rows(engine, "audit_log") == 20


def test_a_request_that_gives_up_neither_loses_its_line_nor_stops_the_writer(
    engine: Engine,
) -> None:
    writer = AuditWriter(engine)
    try:
        abandoned = writer.submit(EVENT, utcnow())
        abandoned.cancel()  # the client went away while its line was queued
        writer.write_now(EVENT, utcnow())
    finally:
        writer.close()
    assert count_rows(engine, "audit_log") == 2
