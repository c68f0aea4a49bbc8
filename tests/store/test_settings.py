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


def test_allowed_hosts_default_to_loopback_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKCARE_ALLOWED_HOSTS", raising=False)
    assert Settings().allowed_hosts == ("localhost", "127.0.0.1", "[::1]")


def test_allowed_hosts_are_read_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCARE_ALLOWED_HOSTS", " Care.Example.org, *.example.net ")
    assert Settings().allowed_hosts == ("care.example.org", "*.example.net")


@pytest.mark.parametrize("hosts", ["*", "", "care.example.org/path", "a b"])
def test_a_host_that_would_answer_anyone_or_is_no_name_is_refused(hosts: str) -> None:
    with pytest.raises(ValidationError, match="allowed_hosts"):
        Settings(allowed_hosts=hosts)  # type: ignore[arg-type]


def test_the_test_environment_also_answers_the_test_client() -> None:
    assert "testserver" in Settings(environment="test").allowed_hosts
    assert "testserver" not in Settings(environment="production").allowed_hosts
