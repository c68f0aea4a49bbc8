"""Store fixtures: every integration test runs on SQLite and on PostgreSQL.

PostgreSQL is the server on 127.0.0.1:5432 (trust auth, database ``test``). On both backends the
schema is migrated once per session (per pytest-xdist worker) into a template, and each test's
``engine`` starts from a copy of it, dropped afterwards: migrating took most of a store or web
test's time. On SQLite the template is a file copied; on PostgreSQL a database the server
copies (``CREATE DATABASE … TEMPLATE``). A PostgreSQL test given only ``db_url`` (serve, the
CLI, which migrate at start) gets an empty schema of its own instead, so parallel and
repeated runs never see each other's rows.
Without the server the PostgreSQL half is skipped, except in CI (``CI=true``), where a skip
would hide a broken pass and so fails instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, update
from typer.testing import CliRunner, Result

from backcare.cli.main import app
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.engine import build_plan
from backcare.knowledge.loader import Knowledge
from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate, PatientRead
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import make_engine, unit_of_work
from backcare.store.migrate import open_store
from tests.store.helpers import Cli
from tests.store.postgres import database_from, is_template_copy, schema_url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections work in a fresh schema of their own."""
    with schema_url() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The database URL of one backend, the test's own (a SQLite file, a PostgreSQL database).

    On PostgreSQL, a test that asks for ``engine`` (which would migrate the database) is given
    a copy of the session's migrated template; any other an empty schema of its own.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'backcare.db'}"
    elif "engine" in request.fixturenames:
        # By name from the root conftest, which every test directory sees: the conftests that
        # re-export ``db_url`` need not re-export it too.
        template: str = request.getfixturevalue("postgres_template")
        with database_from(template) as url:
            yield url
    else:
        url: str = request.getfixturevalue("postgres_url")
        yield url


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, environment="test")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once per session, every table empty: tests start from a copy.

    The migrations themselves are still run from empty on both backends: here, by every
    PostgreSQL test, by tests/store/test_migrations.py (down to empty and back) and by the
    tests given only ``db_url`` (serve and the CLI migrate a new database at start).
    """
    return _migrated_template(tmp_path_factory.getbasetemp())


@cache
def _migrated_template(basetemp: Path) -> Path:
    # Remembered per session (each has its own base temporary folder) rather than asked for
    # as a fixture by ``engine``: the conftests that re-export ``engine`` need not know of it.
    folder = basetemp / "sqlite-template"
    folder.mkdir()
    path = folder / "backcare.db"
    engine = open_store(Settings(database_url=f"sqlite:///{path}", environment="test"))
    engine.dispose()
    # Everything into the main file (the WAL emptied), so that one file is the whole copy.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _from_template(template: Path, url: str) -> None:
    """Put a copy of the migrated template where the SQLite ``url`` points."""
    database = make_url(url).database
    assert database, url
    shutil.copyfile(template, database)


def copy_migrated_sqlite(url: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Put a copy of this session's migrated SQLite template where ``url`` points."""
    _from_template(_migrated_template(tmp_path_factory.getbasetemp()), url)


@pytest.fixture
def engine(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database, disposed of (connections closed) after the test.

    It is a copy of the session's migrated template (``db_url``), already at the newest
    migration: asking Alembic again (``open_store``) cost 23 ms of CPU a test. A URL that is
    not such a copy (a ``settings`` fixture of a test's own) is migrated as before.
    """
    if make_url(settings.database_url).get_backend_name() == "sqlite":
        copy_migrated_sqlite(settings.database_url, tmp_path_factory)
        engine = make_engine(settings)
    elif is_template_copy(settings.database_url):
        engine = make_engine(settings)
    else:
        engine = open_store(settings)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated SQLite database, for tests of SQLite's own behaviour."""
    url = f"sqlite:///{tmp_path / 'backcare.db'}"
    copy_migrated_sqlite(url, tmp_path_factory)
    engine = make_engine(Settings(database_url=url))  # the copy is at the newest migration
    yield engine
    engine.dispose()


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run a ``backcare`` command against the test database."""
    monkeypatch.setenv("BACKCARE_DATABASE_URL", settings.database_url)
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=stdin)

    return invoke


RECORD_BEGAN = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
"""When the ``patient`` fixture's record began: before every day the store tests check in."""


@pytest.fixture
def patient(engine: Engine) -> PatientRead:
    """A patient whose record began on 1 January 2024, so check-ins from then on are accepted."""
    with unit_of_work(engine) as session:
        created = create_patient(session, data=PatientCreate(display_name="Ann Example"))
        session.execute(
            update(Patient).where(Patient.id == created.id).values(created_at=RECORD_BEGAN)
        )
        return created.model_copy(update={"created_at": RECORD_BEGAN})


@pytest.fixture(scope="session")
def chronic_intake() -> Intake:
    """A plain chronic, non-specific case with no red flag."""
    return Intake(age=45, duration_weeks=20, pain_now=5)


@pytest.fixture(scope="session")
def plan(chronic_intake: Intake, knowledge: Knowledge) -> Plan:
    """The real engine's plan for ``chronic_intake``."""
    return build_plan(chronic_intake, knowledge)
