"""The case-review agenda for a clinic of 2,000 people, beside the caseload dashboard, on SQLite
and PostgreSQL.

    uv run python bench/case_review_bench.py [--people 2000] [--runs 20]
                                             [--postgres URL | --no-postgres]

The clinic is bench/caseload_bench.py's (its data builder is reused): one physiotherapist in the
care team of 2,000 people with 12 weeks of daily check-ins, sessions, PEG and PSFS, one
assessment and plan version each, one in ten with open alerts; a second clinician cares for 500
more. Here the physiotherapist belongs to a clinic, which holds a case review for the week
ending on the bench's today.

Printed per database: the number of SQL statements the agenda runs (it must not grow with the
clinic: no query per person), the median and p95 time of the agenda built for the clinician
(target < 200 ms) and for closing (everyone in the care of the clinic's clinicians), the
caseload dashboard (first page and everyone), then GET of the meeting's page and API.
"""

from __future__ import annotations

import argparse

import psycopg
from fastapi.testclient import TestClient

from backcare.accounts.repository import account_by_name
from backcare.case_review import agenda, figures
from backcare.case_review.models import CaseReview
from backcare.engine import default_knowledge
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store
from backcare.team.caseload import PAGE, caseload
from backcare.team.models import Clinic, ClinicMember
from backcare.web.app import create_app

try:
    from bench.caseload_bench import (
        DEFAULT_POSTGRES,
        PASSWORD,
        TARGET_MS,
        TODAY,
        _count_statements,
        _load,
        postgres_schema,
        seed_clinic,
        sqlite_database,
        timed,
    )
except ModuleNotFoundError:  # run as `python bench/case_review_bench.py`
    from caseload_bench import (  # type: ignore[no-redef]
        DEFAULT_POSTGRES,
        PASSWORD,
        TARGET_MS,
        TODAY,
        _count_statements,
        _load,
        postgres_schema,
        seed_clinic,
        sqlite_database,
        timed,
    )

CLINICIAN = "bench-physio"


def _meeting(settings: Settings, clinician_id: str) -> int:
    """The clinic, the physiotherapist in it, and its case review of the bench's week."""
    engine = open_store(settings)
    try:
        with unit_of_work(engine) as session:
            clinic = Clinic(name="Bench clinic")
            session.add(clinic)
            session.flush()
            session.add(ClinicMember(clinic_id=clinic.id, clinician_id=clinician_id))
            meeting = CaseReview(
                clinic_id=clinic.id, title="Bench review", held_on=TODAY, opened_by=CLINICIAN
            )
            session.add(meeting)
            session.flush()
            return meeting.id
    finally:
        engine.dispose()


def _line(name: str, what: str, median: float, p95: float, cpu: float, target: bool) -> None:
    verdict = ""
    if target:
        verdict = f" (target < {TARGET_MS:.0f} ms: {'ok' if median < TARGET_MS else 'OVER'})"
    print(
        f"{name:<11} {what}: median {median:.1f} ms (CPU {cpu:.1f} ms), p95 {p95:.1f} ms"
        f"{verdict}; load average {_load()}"
    )


def run(name: str, url: str, args: argparse.Namespace) -> None:
    settings = Settings(database_url=url, environment="test")
    engine = open_store(settings)
    try:
        seconds = seed_clinic(engine, settings, args)
        print(
            f"{name:<11} seeded {args.people:,} people (+{args.people // 4:,}) in {seconds:.1f} s"
        )
        with read_only(engine) as session:
            account = account_by_name(session, CLINICIAN)
            assert account is not None
            clinician_id = account.id
        meeting_id = _meeting(settings, clinician_id)
        knowledge = default_knowledge()
        window = figures.Window.ending(TODAY)

        def built(viewer: str | None, counted: list[int] | None = None) -> int:
            with read_only(engine) as session:
                row = session.get(CaseReview, meeting_id)
                assert row is not None

                def query() -> object:
                    return figures.agenda_figures(session, row, viewer, window)

                if counted is not None:
                    counted.append(_count_statements(engine, query))
                found = figures.agenda_figures(session, row, viewer, window)
                return len(agenda.entries(found, window, knowledge.thresholds))

        counted: list[int] = []
        built(clinician_id, counted)
        statements = counted[0]
        people = built(clinician_id)
        print(
            f"{name:<11} agenda: {people:,} of {args.people:,} people, {statements} SQL statement"
        )
        _line(
            name, "agenda for the clinician", *timed(args.runs, lambda: built(clinician_id)), True
        )
        _line(name, "agenda kept at closing", *timed(args.runs, lambda: built(None)), True)
        for limit in (PAGE, None):

            def dashboard(limit: int | None = limit) -> int:
                with read_only(engine) as session:
                    rows = caseload(
                        session,
                        clinician_id=clinician_id,
                        today=TODAY,
                        thresholds=knowledge.thresholds,
                        limit=limit,
                    )
                return len(rows)

            what = f"caseload dashboard, {dashboard():,} rows"
            _line(name, what, *timed(args.runs, dashboard), True)
        _pages(name, settings, meeting_id, args)
    finally:
        engine.dispose()


def _pages(name: str, settings: Settings, meeting_id: int, args: argparse.Namespace) -> None:
    """The meeting's page and API as a signed-in browser gets them."""
    app = create_app(settings, knowledge=default_knowledge(), today=lambda: TODAY)
    with TestClient(app) as client:
        signed = client.post(
            "/signin",
            data={"username": CLINICIAN, "password": PASSWORD, "next": "/"},
            follow_redirects=False,
        )
        assert signed.status_code == 303, signed.text
        for path in (f"/api/v1/case-reviews/{meeting_id}", f"/case-reviews/{meeting_id}"):
            assert client.get(path).status_code == 200
            _line(name, f"GET {path}", *timed(args.runs, lambda path=path: client.get(path)), False)


def main() -> None:
    """Parse the options and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000, help="people in the clinic")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each figure")
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
