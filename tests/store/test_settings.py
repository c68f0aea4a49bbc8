"""The one Settings object: defaults, validation, and nothing created at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from backcare.settings import Settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKCARE_DATABASE_URL", raising=False)
    monkeypatch.delenv("BACKCARE_ENVIRONMENT", raising=False)


def test_default_database_is_backcare_db_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings().database_url == f"sqlite:///{tmp_path / 'backcare.db'}"
    assert Settings().environment == "development"


def test_relative_sqlite_paths_are_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BACKCARE_DATABASE_URL", "sqlite:///data/my.db")
    assert Settings().database_url == f"sqlite:///{tmp_path / 'data' / 'my.db'}"


def test_plain_postgresql_urls_use_psycopg_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCARE_DATABASE_URL", "postgresql://me:secret@db.example/backcare")
    assert Settings().database_url == "postgresql+psycopg://me:secret@db.example/backcare"


def test_unsupported_databases_are_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="database_url"):
        Settings(database_url="mysql://db.example/backcare")


def test_an_unknown_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCARE_ENVIRONMENT", "staging")
    with pytest.raises(ValidationError, match="environment"):
        Settings()


def test_importing_the_store_creates_no_database(tmp_path: Path) -> None:
    modules = (
        "backcare.settings, backcare.store.db, backcare.store.migrate, backcare.patients.service,"
        " backcare.assessments.service, backcare.tracking.service, backcare.cli.store_commands"
    )
    subprocess.run([sys.executable, "-c", f"import {modules}"], cwd=tmp_path, check=True)
    assert list(tmp_path.iterdir()) == []
