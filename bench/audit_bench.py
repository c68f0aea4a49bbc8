"""Audit log benchmark on SQLite and PostgreSQL; prints one line per figure.

    uv run python bench/audit_bench.py [--rows 100000] [--appends 2000]
                                       [--postgres URL | --no-postgres]

On each database: the log is first filled to ``--rows`` rows through ``audit.service.record``
(100 appends per transaction; the fill rate is printed too), then
- one append per transaction, the way a request or command records its access: median and
  p95 time of the transaction (lock the head, hash, insert, move the head, commit);
- the append alone, 10 in a transaction rolled back (what ``record`` adds to a transaction
  that commits anyway);
- audited reads from 8 threads at once (a SELECT and one append per transaction), with the
  durable commit and with ``durable=False``: appends queue on the chain's head, so on
  PostgreSQL this is bounded by the commit's disk flush;
- ``audit verify`` over the whole chain.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import threading
import time

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent
from backcare.audit.service import record, verify
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store

try:
    from bench.store_bench import DEFAULT_POSTGRES, postgres_schema, sqlite_database
except ModuleNotFoundError:  # run as `python bench/audit_bench.py`: bench/ itself is on the path
    from store_bench import (  # type: ignore[no-redef]
        DEFAULT_POSTGRES,
        postgres_schema,
        sqlite_database,
    )

FILL_BATCH = 100
BATCH = 10
THREADS = 8
NURSE = AuditActor(actor_id="acc-nurse", role="clinician", name="Nurse Rita")


def event(n: int) -> AuditEvent:
    """A read of one of 1,000 records, from one address."""
    return AuditEvent(
        actor=NURSE,
        action=AuditAction.record_read,
        patient_id=f"{n % 1000:032x}",
        source="192.0.2.7",
        detail="plan",
    )


def fill(engine: Engine, rows: int) -> str:
    """Append ``rows`` events, FILL_BATCH per transaction."""
    start = time.perf_counter()
    for first in range(0, rows, FILL_BATCH):
        with unit_of_work(engine) as session:
            for n in range(first, min(first + FILL_BATCH, rows)):
                record(session, event(n), at=dt.datetime.now(dt.UTC))
    seconds = time.perf_counter() - start
    return f"filled {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} appends/s batched)"


def one_per_transaction(engine: Engine, appends: int) -> str:
    """Median and p95 of a transaction that only appends one row and commits."""
    timings: list[float] = []
    for n in range(appends):
        start = time.perf_counter()
        with unit_of_work(engine) as session:
            record(session, event(n), at=dt.datetime.now(dt.UTC))
        timings.append(time.perf_counter() - start)
    p95 = statistics.quantiles(timings, n=20)[-1]
    return (
        f"append, own transaction: median {statistics.median(timings) * 1e3:.2f} ms, "
        f"p95 {p95 * 1e3:.2f} ms ({appends:,} appends)"
    )


def in_one_transaction(engine: Engine, appends: int) -> str:
    """Time per append, BATCH to a transaction that is rolled back (no commit, no disk flush)."""
    batches = max(1, appends // BATCH)
    timings: list[float] = []
    for b in range(batches):
        with Session(engine) as session:
            session.execute(text("SELECT 1"))  # begin: on SQLite, wait for the write lock
            start = time.perf_counter()
            for n in range(BATCH):
                record(session, event(b * BATCH + n), at=dt.datetime.now(dt.UTC))
            timings.append((time.perf_counter() - start) / BATCH)
            session.rollback()
    return (
        f"append inside a transaction (no commit): median {statistics.median(timings) * 1e6:.0f}"
        f" us each ({batches * BATCH:,} appends)"
    )


def audited_reads(engine: Engine, appends: int, *, durable: bool) -> str:
    """Transactions per second from THREADS threads, each a read and its audit row."""
    each = max(1, appends // THREADS)

    def work() -> None:
        for n in range(each):
            with unit_of_work(engine) as session:
                session.execute(text("SELECT 1"))
                record(session, event(n), at=dt.datetime.now(dt.UTC), durable=durable)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate = THREADS * each / (time.perf_counter() - start)
    return f"audited reads, {THREADS} threads, durable={durable}: {rate:,.0f}/s"


def verify_all(engine: Engine) -> str:
    """Time to verify the whole chain."""
    start = time.perf_counter()
    with read_only(engine) as session:
        report = verify(session)
    seconds = time.perf_counter() - start
    assert report.ok, report.problem
    return f"verify {report.rows_checked:,} rows: {seconds:.2f} s"


def run_all(name: str, url: str, args: argparse.Namespace) -> None:
    """Every figure on one database."""
    engine = open_store(Settings(database_url=url))
    try:
        print(f"{name:<11} {fill(engine, args.rows)}", flush=True)
        print(f"{name:<11} {one_per_transaction(engine, args.appends)}", flush=True)
        print(f"{name:<11} {in_one_transaction(engine, args.appends)}", flush=True)
        for durable in (True, False):
            print(f"{name:<11} {audited_reads(engine, args.appends, durable=durable)}", flush=True)
        print(f"{name:<11} {verify_all(engine)}", flush=True)
    finally:
        engine.dispose()


def main() -> None:
    """Parse the options and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows to fill the log with")
    parser.add_argument("--appends", type=int, default=2_000, help="appends to time")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    with sqlite_database() as url:
        run_all("sqlite", url, args)
    if not args.no_postgres:
        try:
            with postgres_schema(args.postgres) as url:
                run_all("postgresql", url, args)
        except psycopg.OperationalError as exc:
            print(f"postgresql  skipped: {str(exc).strip().splitlines()[0]}")


if __name__ == "__main__":
    main()
