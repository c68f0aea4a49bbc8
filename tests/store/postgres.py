"""Whether the PostgreSQL half of the suite can run, and what to do when it cannot."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import psycopg
import pytest

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"


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
