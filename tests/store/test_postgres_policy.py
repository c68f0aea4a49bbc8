"""A missing PostgreSQL server skips the PostgreSQL half locally but fails it in CI."""

from __future__ import annotations

import pytest

from tests.store import postgres


@pytest.fixture
def server_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres, "postgres_problem", lambda: "connection refused")


@pytest.mark.usefixtures("server_down")
def test_without_the_server_the_postgresql_tests_skip_locally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="connection refused"):
        postgres.require_postgres()


@pytest.mark.usefixtures("server_down")
def test_without_the_server_the_postgresql_tests_fail_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must run"):
        postgres.require_postgres()
