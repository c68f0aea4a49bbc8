"""The batching audit writer: every line committed before its request hears so, in one chain."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

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


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every batch the writer commits; and a linger far longer than any test."""
    sizes: list[int] = []
    real = audit_writer.record_many

    def counting(session: Session, events: Sequence[tuple[AuditEvent, dt.datetime]]) -> None:
        sizes.append(len(events))
        real(session, events)

    monkeypatch.setattr(audit_writer, "record_many", counting)
    monkeypatch.setattr(audit_writer, "LINGER_SECONDS", LONG)
    return sizes


LONG = 30.0
"""A linger no test waits out: a test that finishes well before it was never made to."""


def test_a_batch_waits_for_a_line_still_coming_and_commits_both_together(
    engine: Engine, batches: list[int]
) -> None:
    writer = AuditWriter(engine)

    async def two_requests() -> float:
        with writer.expecting() as second:  # a request still at work
            first = writer.enqueue(EVENT, utcnow())
            await asyncio.sleep(0.2)
            assert not first.done()  # its batch waits for the second line
            started = time.monotonic()
            last = second.enqueue(EVENT, utcnow())
        await asyncio.wait_for(asyncio.gather(first, last), timeout=LONG / 2)
        return time.monotonic() - started

    try:
        waited = asyncio.run(two_requests())
    finally:
        writer.close()
    assert batches == [2]
    assert waited < LONG / 3  # committed once the line came, not when the linger ran out
    assert count_rows(engine, "audit_log") == 2


def test_a_line_that_will_not_come_is_not_waited_for(engine: Engine, batches: list[int]) -> None:
    writer = AuditWriter(engine)

    async def one_refused_without_a_line() -> float:
        with writer.expecting():  # this request ends with no line (nobody signed in, an error)
            first = writer.enqueue(EVENT, utcnow())
            await asyncio.sleep(0.2)
            assert not first.done()
            started = time.monotonic()
        await asyncio.wait_for(first, timeout=LONG / 2)
        return time.monotonic() - started

    try:
        waited = asyncio.run(one_refused_without_a_line())
    finally:
        writer.close()
    assert waited < LONG / 3
    assert batches == [1]


def test_a_lone_line_waits_for_nothing(engine: Engine, batches: list[int]) -> None:
    writer = AuditWriter(engine)
    try:
        started = time.monotonic()
        writer.write_now(EVENT, utcnow())
        assert time.monotonic() - started < LONG / 3
    finally:
        writer.close()
    assert batches == [1]


def test_a_coroutine_that_gives_up_neither_loses_its_line_nor_stops_the_writer(
    engine: Engine,
) -> None:
    writer = AuditWriter(engine)

    async def abandon_then_write() -> None:
        abandoned = writer.enqueue(EVENT, utcnow())
        abandoned.cancel()  # the client went away while its line was queued
        await writer.write(EVENT, utcnow())

    try:
        asyncio.run(abandon_then_write())
    finally:
        writer.close()
    assert count_rows(engine, "audit_log") == 2
