"""Databases for api_bench: migrated, with one assessed patient per connection."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from backcare.accounts.schemas import AccountCreate, TokenCreate
from backcare.accounts.service import create_account
from backcare.accounts.tokens import create_token
from backcare.accounts.vocabulary import Role, Scope
from backcare.assessments.service import assess_patient
from backcare.domain.intake import Intake
from backcare.engine import default_knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store
from backcare.store.types import utcnow

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
INTAKE = Intake(age=45, duration_weeks=20, pain_now=6)


@dataclass(frozen=True, slots=True)
class Database:
    backend: str
    url: str
    patients: tuple[str, ...]
    tokens: tuple[str, ...]
    """Each patient's own write token (their person account's), in the same order."""


def _populate(url: str, count: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``count`` assessed patients, each with a person account and a write token."""
    engine = open_store(Settings(database_url=url))
    knowledge = default_knowledge()
    try:
        with unit_of_work(engine) as session:
            ids, tokens = [], []
            for n in range(count):
                patient = create_patient(session, data=PatientCreate(display_name=f"Bench {n}"))
                assess_patient(session, patient_id=patient.id, intake=INTAKE, knowledge=knowledge)
                data = AccountCreate(username=f"bench-{n}", role=Role.PERSON, patient_id=patient.id)
                account = create_account(session, data=data)
                token = TokenCreate(name="bench", scope=Scope.WRITE)
                made = create_token(session, account_id=account.id, data=token, now=utcnow())
                ids.append(patient.id)
                tokens.append(made.token)
        return tuple(ids), tuple(tokens)
    finally:
        engine.dispose()


def databases(folder: Path, patients: int, *, postgres: bool) -> Iterator[Database]:
    """SQLite in ``folder``, then PostgreSQL in a schema of its own, dropped afterwards."""
    url = f"sqlite:///{folder / 'bench.db'}"
    yield Database("sqlite", url, *_populate(url, patients))
    if not postgres:
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        yield Database("postgresql", url, *_populate(url, patients))
    finally:
        with psycopg.connect(POSTGRES_DSN, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
