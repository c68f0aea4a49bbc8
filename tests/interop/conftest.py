"""Interop fixtures: a SQLite database with the demo people, made once per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.demo.service import DemoPatientRead, create_demo
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store

DEMO_TODAY = dt.date(2024, 5, 15)


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('demo') / 'backcare.db'}"


@pytest.fixture(scope="session")
def demo_engine(demo_url: str) -> Iterator[Engine]:
    engine = open_store(Settings(database_url=demo_url, environment="test"))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_people(demo_engine: Engine, knowledge: Knowledge) -> list[DemoPatientRead]:
    """The four demo people (12 weeks each), stored once for every interop test."""
    with unit_of_work(demo_engine) as session:
        return create_demo(session, patients=4, seed=1, today=DEMO_TODAY, knowledge=knowledge)


@pytest.fixture
def fresh_engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty migrated SQLite database of the test's own."""
    engine = open_store(Settings(database_url=f"sqlite:///{tmp_path / 'other.db'}"))
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite database, for backup tests."""
    engine = open_store(Settings(database_url=f"sqlite:///{tmp_path / 'backcare.db'}"))
    yield engine
    engine.dispose()
