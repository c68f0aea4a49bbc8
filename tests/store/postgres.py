"""Whether the PostgreSQL half of the suite can run, and the databases its tests work in.

A test given a migrated ``engine`` works in a database of its own, copied by the server
(``CREATE DATABASE … TEMPLATE``, about 0.1 s) from a template migrated once per pytest
process, and dropped afterwards: running the migrations took 1.4 s or more a test. A test
given only a URL gets a fresh empty schema in the ``test`` database, as before. Every name
holds the pytest-xdist worker and a random part, so workers, repeated runs and other people's
runs on the same server never meet.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache

import psycopg
import pytest

from backcare.settings import Settings
from backcare.store.migrate import open_store

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
DATABASE_PREFIX = "backcare_test_"
"""Every database the tests make starts so: a run killed before its clean-up leaves some
behind, found with ``SELECT datname FROM pg_database WHERE datname LIKE 'backcare_test_%'``."""


@cache
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    try:
        with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


def require_postgres() -> None:
    """Skip without PostgreSQL, but fail in CI (CI=true), where the PostgreSQL pass must run."""
    problem = postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL at 127.0.0.1:5432 does not answer: {problem}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: the PostgreSQL pass must run, not skip)")
    pytest.skip(message)


def _new_name(kind: str) -> str:
    """A database or schema name no other worker, run or person will pick."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{DATABASE_PREFIX}{kind}_{worker}_{uuid.uuid4().hex[:12]}"


def database_url(database: str) -> str:
    """The SQLAlchemy URL of ``database`` on the test server."""
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{database}"


@contextmanager
def schema_url() -> Iterator[str]:
    """A URL whose connections work in a fresh schema of their own, dropped afterwards."""
    require_postgres()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def migrated_template() -> Iterator[str]:
    """A database brought to the newest migration, every table empty, dropped afterwards.

    Nothing connects to it after the migration: the server copies a database only while
    nobody is connected to it.
    """
    require_postgres()
    name = _new_name("template")
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        open_store(Settings(database_url=database_url(name), environment="test")).dispose()
        yield name
    finally:
        _finish_dropping()
        _drop(name)


@contextmanager
def database_from(template: str) -> Iterator[str]:
    """The URL of a new database copied from ``template``, dropped afterwards."""
    require_postgres()
    name = _new_name("db")
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    url = database_url(name)
    _template_copies.add(url)
    try:
        yield url
    finally:
        _template_copies.discard(url)
        _dropped.append(_dropper.submit(_drop, name))


_template_copies: set[str] = set()


def is_template_copy(url: str) -> bool:
    """Whether ``url`` is a live copy of a migrated template (so needs no migrating)."""
    return url in _template_copies


# DROP DATABASE makes the server write a checkpoint (every changed page to disk) and wait
# for it: 0.1 s on a quiet server, seconds on a busy one. A test need not wait for that, so
# its database is dropped on this thread while the next test runs.
_dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-test-database")
_dropped: list[Future[None]] = []


def _finish_dropping() -> None:
    """Wait for every database handed to the dropper; raise the first failure."""
    while _dropped:
        _dropped.pop(0).result()


def _drop(database: str) -> None:
    # FORCE: an engine the test forgot to dispose of (or a server thread) may still be
    # connected; its connections are ended rather than the database left behind.
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
