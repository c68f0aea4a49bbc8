"""Store benchmarks on SQLite and PostgreSQL; prints one line per figure.

    uv run python bench/store_bench.py [--writes 3000] [--postgres URL | --no-postgres]

Measured today: check-in writes per second, each write its own transaction through the same
service and unit of work the CLI uses (target >= 1,000/s on SQLite).

To extend (issue 3), once the adaptation and progress code exists: add a function taking
``(engine, patient_id)`` to ``BENCHMARKS``. ``seed_daily_checkins`` already loads years of
daily history quickly, for the weekly review (2 years for one patient, target < 50 ms) and the
progress query (10,000 patients x 1 year, target p95 < 20 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import Engine

from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import import_checkins, record_checkin

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
Benchmark = Callable[[Engine, str, argparse.Namespace], str]


def checkin_writes(engine: Engine, patient_id: str, args: argparse.Namespace) -> str:
    """Check-ins per second, one transaction (and one commit) per check-in."""
    day = dt.date(2024, 1, 1)
    timings: list[float] = []
    start = time.perf_counter()
    for n in range(args.writes):
        data = CheckInCreate(date=day, pain_now=n % 11, sessions_done=1, minutes=25)
        began = time.perf_counter()
        with unit_of_work(engine) as session:
            record_checkin(session, patient_id=patient_id, data=data)
        timings.append(time.perf_counter() - began)
    rate = args.writes / (time.perf_counter() - start)
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    return f"check-in writes: {rate:,.0f}/s (p95 {p95:.2f} ms per write, {args.writes} writes)"


BENCHMARKS: list[Benchmark] = [checkin_writes]


def seed_daily_checkins(engine: Engine, patient_id: str, *, days: int) -> None:
    """Load ``days`` of daily check-ins ending yesterday, in one transaction."""
    first = dt.date.today() - dt.timedelta(days=days)
    data = [
        CheckInCreate(date=first + dt.timedelta(days=d), pain_now=max(0, 7 - d // 60), minutes=25)
        for d in range(days)
    ]
    with unit_of_work(engine) as session:
        import_checkins(session, patient_id=patient_id, data=data)


def run_all(name: str, url: str, args: argparse.Namespace) -> None:
    """Every benchmark on one database, each with a fresh patient."""
    engine = open_store(Settings(database_url=url))
    try:
        for benchmark in BENCHMARKS:
            with unit_of_work(engine) as session:
                patient = create_patient(session, data=PatientCreate(display_name="bench"))
            print(f"{name:>10}  {benchmark(engine, patient.id, args)}", flush=True)
    finally:
        engine.dispose()


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A SQLite file in a temporary directory, configured as the app configures it."""
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A throwaway schema on the PostgreSQL server, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    """Parse the options and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=3000, help="check-ins to write")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    with sqlite_database() as url:
        run_all("sqlite", url, args)
    if args.no_postgres:
        return
    try:
        with postgres_schema(args.postgres) as url:
            run_all("postgresql", url, args)
    except psycopg.OperationalError as exc:
        print(f"postgresql  skipped: {str(exc).strip().splitlines()[0]}")


if __name__ == "__main__":
    main()
