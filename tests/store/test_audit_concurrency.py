"""Appends from several threads, engines and processes at once still form one unbroken chain."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.audit.service import list_events, record
from backcare.settings import Settings
from backcare.store.db import make_engine, read_only, unit_of_work
from tests.store.audit_support import check, event

WRITER = str(Path(__file__).with_name("audit_writer.py"))
WORKERS = 6
APPENDS_EACH = 25


def details(engine: Engine) -> list[str]:
    """Every row's detail, oldest first."""
    with read_only(engine) as session:
        return [row.detail for row in list_events(session, limit=10_000)][::-1]


def expected(workers: int, each: int) -> set[str]:
    return {f"{worker}-{n}" for worker in range(workers) for n in range(each)}


def run_in_threads(work: Callable[[int], None], workers: int) -> None:
    """Run ``work(worker)`` in ``workers`` threads started together; re-raise any failure."""
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def run(worker: int) -> None:
        try:
            start.wait()
            work(worker)
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def append_as(engine: Engine, worker: int) -> None:
    for n in range(APPENDS_EACH):
        with unit_of_work(engine) as session:
            record(session, event(detail=f"{worker}-{n}"), at=dt.datetime.now(dt.UTC))


@pytest.mark.slow
def test_threads_sharing_one_engine_keep_one_chain(engine: Engine) -> None:
    run_in_threads(lambda worker: append_as(engine, worker), WORKERS)
    report = check(engine)
    assert (report.ok, report.rows_checked) == (True, WORKERS * APPENDS_EACH)
    assert set(details(engine)) == expected(WORKERS, APPENDS_EACH)


@pytest.mark.slow
def test_threads_with_their_own_connections_keep_one_chain(
    engine: Engine, settings: Settings
) -> None:
    # An engine each: separate pools and, on SQLite, no shared in-process lock, as in workers.
    engines = [make_engine(settings) for _ in range(WORKERS)]
    try:
        run_in_threads(lambda worker: append_as(engines[worker], worker), WORKERS)
    finally:
        for own in engines:
            own.dispose()
    report = check(engine)
    assert (report.ok, report.rows_checked) == (True, WORKERS * APPENDS_EACH)
    assert set(details(engine)) == expected(WORKERS, APPENDS_EACH)


@pytest.mark.slow
def test_writer_processes_keep_one_chain(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, WRITER, settings.database_url, str(w), str(APPENDS_EACH), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    for writer in writers:  # every process has imported everything: start them together
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    go.touch()
    for writer in writers:
        _out, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    report = check(engine)
    assert (report.ok, report.rows_checked) == (True, WORKERS * APPENDS_EACH)
    assert set(details(engine)) == expected(WORKERS, APPENDS_EACH)
