"""Interop fixtures: the demo people stored once per backend, SQLite and PostgreSQL.

Every test that touches a database runs on both: ``backend`` is a session-wide parameter, so
the demo people are made once in a SQLite file and once in a PostgreSQL schema of their own
(tests/store/postgres.py: skipped without the server, except in CI), and each test's own
empty database is of the same backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.demo.service import DemoPatientRead, create_demo
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store
from tests.interop.bundles import export, import_into
from tests.interop.care_records import Clinicians, full_care
from tests.store.conftest import copy_migrated_sqlite
from tests.store.postgres import database_from, schema_url

DEMO_TODAY = dt.date(2024, 5, 15)


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def backend(request: pytest.FixtureRequest) -> str:
    """The database every database test of a run works on: SQLite, then PostgreSQL."""
    found: str = request.param
    return found


@contextmanager
def database_url(backend: str, file: Path) -> Iterator[str]:
    """A new empty database of ``backend``: the SQLite ``file``, or a PostgreSQL schema."""
    if backend == "sqlite":
        yield f"sqlite:///{file}"
    else:
        with schema_url() as url:
            yield url


@contextmanager
def migrated(url: str) -> Iterator[Engine]:
    """A migrated engine on ``url``, disposed of afterwards."""
    engine = open_store(Settings(database_url=url, environment="test"))
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def demo_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with database_url(backend, tmp_path_factory.mktemp("demo") / "backcare.db") as url:
        yield url


@pytest.fixture(scope="session")
def demo_engine(demo_url: str) -> Iterator[Engine]:
    with migrated(demo_url) as engine:
        yield engine


@pytest.fixture(scope="session")
def demo_people(demo_engine: Engine, knowledge: Knowledge) -> list[DemoPatientRead]:
    """The four demo people (12 weeks each), stored once per backend for every interop test."""
    with unit_of_work(demo_engine) as session:
        return create_demo(session, patients=4, seed=1, today=DEMO_TODAY, knowledge=knowledge)


@pytest.fixture
def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database of the test's own, on the run's backend: empty, or, when the test asks for
    ``fresh_engine`` (which would migrate it), a copy of the session's migrated template
    (tests/store/conftest.py), since migrating took most of such a test's time."""
    file = tmp_path / "other.db"
    if "fresh_engine" not in request.fixturenames:
        with database_url(backend, file) as url:
            yield url
    elif backend == "sqlite":
        url = f"sqlite:///{file}"
        copy_migrated_sqlite(url, request.getfixturevalue("tmp_path_factory"))
        yield url
    else:
        with database_from(request.getfixturevalue("postgres_template")) as url:
            yield url


@pytest.fixture
def fresh_engine(fresh_url: str) -> Iterator[Engine]:
    """An empty migrated database of the test's own, on the run's backend."""
    with migrated(fresh_url) as engine:
        yield engine


@pytest.fixture
def sqlite_engine(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated SQLite database, for backup tests (backup and restore are SQLite's)."""
    url = f"sqlite:///{tmp_path / 'backcare.db'}"
    copy_migrated_sqlite(url, tmp_path_factory)
    with migrated(url) as engine:
        yield engine


@pytest.fixture
def cared(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> tuple[str, Clinicians]:
    """A demo person's record in a database of its own, with a care team, notes and messages."""
    patient_id = import_into(fresh_engine, export(demo_engine, demo_people[0].id), knowledge)
    return patient_id.patient_id, full_care(fresh_engine, patient_id.patient_id)
