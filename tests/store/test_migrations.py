"""Migrations: they build exactly the tables the models describe, up and down, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from backcare.errors import DatabaseVersionError
from backcare.store.metadata import load_metadata
from backcare.store.migrate import current_revision, downgrade, head_revision, upgrade


def test_start_up_migrates_an_empty_database_to_the_newest_revision(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in load_metadata().sorted_tables} <= tables


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_the_migrations_build_exactly_what_the_models_describe(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, load_metadata())
    assert differences == []


def test_downgrading_to_empty_and_back_works(engine: Engine) -> None:
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert "patients" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_a_database_from_a_newer_backcare_is_refused_with_a_sentence(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    with pytest.raises(DatabaseVersionError, match=r"'from_the_future'.*newer Backcare"):
        upgrade(engine)
