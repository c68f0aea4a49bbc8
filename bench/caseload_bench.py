"""The caseload dashboard for a clinic of 2,000 people, on SQLite and PostgreSQL.

    uv run python bench/caseload_bench.py [--people 2000] [--runs 30]
                                          [--postgres URL | --no-postgres]

One clinician is in the care team of every person of the clinic (a second clinician cares for
500 more, who must not show), and leads it; a psychologist is in every other person's team, and
the clinician works at one clinic. Each person has 12 weeks of daily check-ins, every planned item
logged on about 80% of active days, weekly PEG and four-weekly PSFS (bench/store_seed.py), one
assessment and plan version; one in ten has open alerts (some acknowledged), one in twenty a
resolved one, and one in fifty a report of having been seen that waits for the team.

Printed per database: the seed time, the number of SQL statements one dashboard runs (it must
not grow with the caseload: no query per person), the median and p95 time of the caseload
query with its rows built, for the dashboard's first page (100 people, alerts first) and for
all 2,000 at once (target < 200 ms), then all of them filtered by a profession in the team
(the psychologist's 1,000) and by the lead's clinic (all 2,000), with the process's CPU time
beside the wall-clock time (this machine may be shared: the load average is printed too),
then GET /clinician (the page, rendered) and GET /api/v1/clinician/caseload as a signed-in
browser gets them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from backcare.access.actors import operator
from backcare.access.models import CareAccess
from backcare.accounts.passwords import hasher_for
from backcare.accounts.repository import account_by_name
from backcare.accounts.schemas import AccountCreate
from backcare.accounts.service import create_account, set_password
from backcare.accounts.vocabulary import Profession, Role
from backcare.domain.intake import Intake
from backcare.engine import build_plan, default_knowledge
from backcare.seen.models import SeenReport
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store
from backcare.team.caseload import EVERYONE, PAGE, CaseloadFilter, caseload
from backcare.team.clinics import add_clinician, create_clinic
from backcare.team.schemas import ClinicCreate
from backcare.tracking.models import Alert
from backcare.web.app import create_app

try:
    from bench.store_seed import STAMP, Seed, bulk_insert, seed_many
except ModuleNotFoundError:  # run as `python bench/caseload_bench.py`
    from store_seed import STAMP, Seed, bulk_insert, seed_many  # type: ignore[no-redef]

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TODAY = dt.date(2025, 6, 30)
WEEKS = 12
PASSWORD = "bench caseload password"
TARGET_MS = 200.0
INTAKE = Intake.model_validate(
    {
        "age": 45,
        "duration_weeks": 20,
        "pain_now": 6,
        "preferences": {"equipment": ["mat", "towel"], "activities": ["walking"]},
    }
)


def seed_clinic(engine: Engine, settings: Settings, args: argparse.Namespace) -> float:
    """The clinic, its two clinicians and their people; the seconds it took."""
    began = time.perf_counter()
    rng = random.Random(args.seed)
    knowledge = default_knowledge()
    first = TODAY - dt.timedelta(days=WEEKS * 7 - 1)
    seed = Seed(INTAKE, build_plan(INTAKE, knowledge), first, WEEKS * 7, every_item=True)
    mine = [uuid.uuid4().hex for _ in range(args.people)]
    others = [uuid.uuid4().hex for _ in range(args.people // 4)]
    for _done in seed_many(engine, mine + others, seed, chunk=250, rng=rng):
        pass
    lead = _clinician(engine, settings, "bench-physio")
    other = _clinician(engine, settings, "bench-other")
    psychologist = _clinician(engine, settings, "bench-psych", Profession.PSYCHOLOGIST)
    at = dt.datetime.combine(first, dt.time(10), tzinfo=dt.UTC)
    with engine.begin() as conn:
        bulk_insert(conn, CareAccess, [_grant(p, lead, at) for p in mine])
        bulk_insert(conn, CareAccess, [_grant(p, other, at) for p in others])
        bulk_insert(conn, CareAccess, [_grant(p, psychologist, at, lead=False) for p in mine[::2]])
        bulk_insert(conn, Alert, _alerts(mine, rng))
        bulk_insert(conn, SeenReport, [_report(p) for p in mine[::50]])
    return time.perf_counter() - began


def _clinician(
    engine: Engine,
    settings: Settings,
    name: str,
    profession: Profession = Profession.PHYSIOTHERAPIST,
) -> str:
    data = AccountCreate(username=name, role=Role.CLINICIAN, profession=profession)
    with unit_of_work(engine) as session:
        create_account(session, data=data)
        account = account_by_name(session, name)
        assert account is not None
        set_password(session, account=account, password=PASSWORD, hasher=hasher_for(settings))
        return account.id


def _clinic(engine: Engine) -> int:
    """The clinic the leading clinician works at."""
    actor = operator()
    with unit_of_work(engine) as session:
        made = create_clinic(
            session, data=ClinicCreate(name="Bench clinic"), by=actor, source="b", now=STAMP
        )
        add_clinician(
            session,
            clinic="Bench clinic",
            clinician="bench-physio",
            by=actor,
            source="b",
            now=STAMP,
        )
    return made.id


def _grant(
    patient_id: str, clinician_id: str, at: dt.datetime, *, lead: bool = True
) -> dict[str, Any]:
    return {
        "patient_id": patient_id,
        "clinician_id": clinician_id,
        "granted_by": "bench",
        "granted_at": at,
        "whole_record": False,
        "plan_and_progress_only": False,
        "lead": lead,
        "revoked_by": None,
        "revoked_at": None,
    }


def _alerts(people: list[str], rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for n, patient_id in enumerate(people):
        if n % 10 == 0:
            acked = rng.random() < 0.3
            rows.append(_alert(patient_id, "severe_pain", resolved=False, acked=acked))
        if n % 20 == 5:
            rows.append(_alert(patient_id, "pain_worsening", resolved=True, acked=True))
    return rows


def _alert(patient_id: str, kind: str, *, resolved: bool, acked: bool) -> dict[str, Any]:
    return {
        "patient_id": patient_id,
        "kind": kind,
        "detail": {"summary": "seeded"},
        "resolved": resolved,
        "resolved_at": STAMP if resolved else None,
        "created_at": STAMP,
        "acknowledged_by": "bench-physio" if acked else None,
        "acknowledged_at": STAMP if acked else None,
        "acknowledge_note": None,
        "resolved_by": "bench-physio" if resolved else None,
        "resolve_reason": "seeded" if resolved else None,
    }


def _report(patient_id: str) -> dict[str, Any]:
    return {
        "patient_id": patient_id,
        "plan_version": 1,
        "seen_by": "gp",
        "seen_on": TODAY,
        "outcome": "nothing_serious",
        "status": "waiting",
        "reported_by": "bench",
        "reported_at": STAMP,
        "decided_by": None,
        "decided_at": None,
        "decision_reason": None,
        "new_plan_version": None,
    }


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float, float]:
    """Median and p95 wall-clock milliseconds, and the median CPU milliseconds, after two
    warm-up runs."""
    for _ in range(2):
        work()
    times, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        work()
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1], statistics.median(cpu)


def run(name: str, url: str, args: argparse.Namespace) -> None:
    settings = Settings(database_url=url, environment="test")
    engine = open_store(settings)
    try:
        seconds = seed_clinic(engine, settings, args)
        print(
            f"{name:<11} seeded {args.people:,} people (+{args.people // 4:,}) in {seconds:.1f} s"
        )
        with read_only(engine) as session:
            clinician = account_by_name(session, "bench-physio")
            assert clinician is not None
            clinician_id = clinician.id
        thresholds = default_knowledge().thresholds

        clinic = _clinic(engine)
        runs: list[tuple[int | None, CaseloadFilter, str]] = [
            (PAGE, EVERYONE, ""),
            (None, EVERYONE, ""),
            (None, CaseloadFilter(profession=Profession.PSYCHOLOGIST), " with a psychologist"),
            (None, CaseloadFilter(clinic=clinic), " led from the clinic"),
        ]
        for limit, narrow, words in runs:

            def dashboard(limit: int | None = limit, narrow: CaseloadFilter = narrow) -> int:
                with read_only(engine) as session:
                    rows = caseload(
                        session,
                        clinician_id=clinician_id,
                        today=TODAY,
                        thresholds=thresholds,
                        limit=limit,
                        narrow=narrow,
                    )
                return len(rows)

            statements = _count_statements(engine, dashboard)
            rows = dashboard()
            median, p95, cpu = timed(args.runs, dashboard)
            verdict = "ok" if median < TARGET_MS else "OVER TARGET"
            print(
                f"{name:<11} caseload query{words}, {rows:,} rows: {statements} SQL statement, "
                f"median {median:.1f} ms (CPU {cpu:.1f} ms), p95 {p95:.1f} ms "
                f"(target < {TARGET_MS:.0f} ms: {verdict}; load average {_load()})"
            )
        app = create_app(settings, knowledge=default_knowledge(), today=lambda: TODAY)
        with TestClient(app) as client:
            signed = client.post(
                "/signin",
                data={"username": "bench-physio", "password": PASSWORD, "next": "/"},
                follow_redirects=False,
            )
            assert signed.status_code == 303, signed.text
            for path in ("/api/v1/clinician/caseload", "/clinician"):
                assert client.get(path).status_code == 200
                median, p95, cpu = timed(args.runs, lambda path=path: client.get(path))
                print(
                    f"{name:<11} GET {path} (first {PAGE}): median {median:.1f} ms "
                    f"(CPU {cpu:.1f} ms), p95 {p95:.1f} ms"
                )
    finally:
        engine.dispose()


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _count_statements(engine: Engine, work: Callable[[], object]) -> int:
    counted = 0

    def count(*_args: object) -> None:
        nonlocal counted
        counted += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counted


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'caseload.db'}"


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
    parser.add_argument("--people", type=int, default=2000, help="people in the caseload")
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each figure")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--seed", type=int, default=7, help="seed for the seeded histories")
    args = parser.parse_args()
    with sqlite_database() as url:
        run("sqlite", url, args)
    if not args.no_postgres:
        try:
            with postgres_schema(args.postgres) as url:
                run("postgresql", url, args)
        except psycopg.OperationalError as exc:
            print(f"postgresql  skipped: {str(exc).strip().splitlines()[0]}")


if __name__ == "__main__":
    main()
