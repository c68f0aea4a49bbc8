"""Store benchmarks on SQLite and PostgreSQL; prints one line per figure.

    uv run python bench/store_bench.py [--writes 3000] [--postgres URL | --no-postgres]
                                       [--patients 10000 | --no-scale]

On each database, each with a fresh patient:
- check-in writes per second, each write its own transaction through the same service and
  unit of work the CLI uses (target >= 1,000/s on SQLite);
- the weekly review of one patient with two years of daily history (check-ins, every planned
  item logged on active days, weekly PEG, four-weekly PSFS), database reads included, in a
  transaction rolled back after each run so every run does the same work (target < 50 ms).

On SQLite only: the progress query (`backcare progress`) for patients picked at random among
10,000 with a year of history each (target p95 < 20 ms), after a bulk seed whose time is
printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcare.adaptation.service import review_patient
from backcare.domain.intake import Intake
from backcare.engine import build_plan, default_knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store
from backcare.tracking.progress import progress_for
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin

try:
    from bench.store_seed import Seed, add_assessments, add_history, seed_many
except ModuleNotFoundError:  # run as `python bench/store_bench.py`: bench/ itself is on the path
    from store_seed import Seed, add_assessments, add_history, seed_many  # type: ignore[no-redef]

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
Benchmark = Callable[[Engine, str, argparse.Namespace], str]


def checkin_writes(engine: Engine, patient_id: str, args: argparse.Namespace) -> str:
    """Check-ins per second, one transaction (and one commit) per check-in."""
    day = dt.date.today()  # the patient was added now: a check-in is for today or later days
    timings: list[float] = []
    start = time.perf_counter()
    for n in range(args.writes):
        data = CheckInCreate(date=day, pain_now=n % 11, sessions_done=1, minutes=25)
        began = time.perf_counter()
        with unit_of_work(engine) as session:
            record_checkin(session, patient_id=patient_id, data=data, today=day)
        timings.append(time.perf_counter() - began)
    rate = args.writes / (time.perf_counter() - start)
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    return f"check-in writes: {rate:,.0f}/s (p95 {p95:.2f} ms per write, {args.writes} writes)"


TODAY = dt.date(2025, 6, 30)
"""The last day of every seeded history: a fixed day, so runs compare."""
INTAKE = Intake.model_validate(
    {
        "age": 45,
        "duration_weeks": 20,
        "pain_now": 6,
        "preferences": {"equipment": ["mat", "towel"], "activities": ["walking"]},
    }
)


def seed_for(days: int, *, every_item: bool) -> Seed:
    """``days`` of history ending TODAY for the benchmark intake and its real plan."""
    first = TODAY - dt.timedelta(days=days - 1)
    plan = build_plan(INTAKE, default_knowledge())
    return Seed(INTAKE, plan, first, days, every_item)


def weekly_review(engine: Engine, patient_id: str, args: argparse.Namespace) -> str:
    """The weekly review of one patient with two years of daily history (target < 50 ms)."""
    seed = seed_for(2 * 365, every_item=True)
    with engine.begin() as conn:
        add_assessments(conn, [patient_id], seed)
        add_history(conn, patient_id, seed, random.Random(args.seed))
    knowledge = default_knowledge()
    timings, rules = [], ""
    for _ in range(args.reviews):
        began = time.perf_counter()
        with Session(engine) as session:
            session.begin()
            report = review_patient(
                session, patient_id=patient_id, knowledge=knowledge, today=TODAY
            )
            session.rollback()
        timings.append(time.perf_counter() - began)
        rules = ", ".join(rule.id for rule in report.reviews[-1].rules_fired) or "none"
    median = statistics.median(timings) * 1000
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    return (
        f"weekly review, 2 years of daily data: median {median:.1f} ms, p95 {p95:.1f} ms "
        f"({args.reviews} runs incl. DB reads; rules fired: {rules})"
    )


BENCHMARKS: list[Benchmark] = [checkin_writes, weekly_review]


def progress_at_scale(args: argparse.Namespace) -> None:
    """Seed ``--patients`` patients with a year each, then time the progress query."""
    rng = random.Random(args.seed)
    ids = sorted(f"{rng.getrandbits(128):032x}" for _ in range(args.patients))
    seed = seed_for(365, every_item=False)
    with sqlite_database() as url:
        engine = open_store(Settings(database_url=url))
        try:
            began = time.perf_counter()
            for done in seed_many(engine, ids, seed, chunk=500, rng=rng):
                print(f"    seeded {done:,}/{len(ids):,} patients", end="\r", flush=True)
            seconds = time.perf_counter() - began
            size = Path(url.removeprefix("sqlite:///")).stat().st_size / 2**20
            print(
                f"{'sqlite':>10}  seeded {len(ids):,} patients x 365 days in {seconds:.0f} s "
                f"({size:,.0f} MB; daily check-ins, a session log on active days, weekly PEG)"
            )
            print(f"{'sqlite':>10}  {_time_progress(engine, rng.sample(ids, args.samples))}")
        finally:
            engine.dispose()


def _time_progress(engine: Engine, sample: list[str]) -> str:
    timings = []
    for patient_id in sample:
        began = time.perf_counter()
        with read_only(engine) as session:
            progress_for(session, patient_id=patient_id, today=TODAY, knowledge=default_knowledge())
        timings.append(time.perf_counter() - began)
    p50 = statistics.median(timings) * 1000
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    return (
        f"progress query, 1 year of data: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"({len(sample)} random patients, each its own read transaction)"
    )


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
    parser.add_argument("--reviews", type=int, default=30, help="weekly reviews to time")
    parser.add_argument("--patients", type=int, default=10_000, help="patients for progress")
    parser.add_argument("--samples", type=int, default=500, help="progress queries to time")
    parser.add_argument("--no-scale", action="store_true", help="skip the 10,000-patient run")
    parser.add_argument("--seed", type=int, default=7, help="seed for the seeded histories")
    args = parser.parse_args()
    with sqlite_database() as url:
        run_all("sqlite", url, args)
    if not args.no_postgres:
        try:
            with postgres_schema(args.postgres) as url:
                run_all("postgresql", url, args)
        except psycopg.OperationalError as exc:
            print(f"postgresql  skipped: {str(exc).strip().splitlines()[0]}")
    if not args.no_scale:
        progress_at_scale(args)


if __name__ == "__main__":
    main()
