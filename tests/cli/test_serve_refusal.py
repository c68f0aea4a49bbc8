"""`backcare serve` beyond loopback: refused in one sentence unless hosts and https are set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner, Result

from backcare.cli.main import app
from backcare.cli.serve_policy import Exposure, is_loopback, link_base, refusal

USAGE = 2


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder; a fresh database; the environment restored after."""
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda _target, **kwargs: runs.append(kwargs))
    monkeypatch.setenv("BACKCARE_DATABASE_URL", f"sqlite:///{tmp_path / 'backcare.db'}")
    monkeypatch.setenv("BACKCARE_ALLOWED_HOSTS", "localhost,127.0.0.1")
    return runs


def serve(*args: str) -> Result:
    return CliRunner().invoke(app, ["serve", "--no-demo", *args])


@pytest.fixture
def certificate(tmp_path: Path) -> list[str]:
    """A certificate and key pair of files (serve only checks that they exist)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("certificate")
    key.write_text("key")
    return ["--ssl-certfile", str(cert), "--ssl-keyfile", str(key)]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "backcare.example.org"])
def test_listening_beyond_loopback_without_hosts_or_https_is_refused(
    started: list[dict[str, Any]], host: str
) -> None:
    result = serve("--host", host)
    assert result.exit_code == USAGE
    message = result.stderr.strip()
    assert message.startswith(f"Error: serve: --host {host} can be reached from other machines")
    assert "--allowed-host" in message
    assert "--behind-proxy" in message
    assert started == []


def test_hosts_without_https_are_still_refused(started: list[dict[str, Any]]) -> None:
    result = serve("--host", "0.0.0.0", "--allowed-host", "care.example.org")
    assert result.exit_code == USAGE
    assert "https" in result.stderr
    assert "--allowed-host NAME" not in result.stderr
    assert started == []


def test_https_without_hosts_is_still_refused(
    started: list[dict[str, Any]], certificate: list[str]
) -> None:
    result = serve("--host", "0.0.0.0", *certificate)
    assert result.exit_code == USAGE
    assert "--allowed-host NAME" in result.stderr
    assert started == []


def test_hosts_and_a_certificate_serve_https(
    started: list[dict[str, Any]], certificate: list[str]
) -> None:
    result = serve("--host", "0.0.0.0", "--allowed-host", "care.example.org", *certificate)
    assert result.exit_code == 0, result.output
    (run,) = started
    assert run["ssl_certfile"] is not None
    assert run["proxy_headers"] is False
    assert "https://0.0.0.0" in result.stdout


def test_hosts_behind_a_tls_proxy_serve_trusting_its_headers(
    started: list[dict[str, Any]],
) -> None:
    result = serve("--host", "0.0.0.0", "--allowed-host", "care.example.org", "--behind-proxy")
    assert result.exit_code == 0, result.output
    assert started[0]["proxy_headers"] is True
    # Every worker builds its settings from the environment (the fixture restores it).
    assert os.environ["BACKCARE_ALLOWED_HOSTS"] == "localhost,127.0.0.1,care.example.org"


def test_hosts_may_come_from_the_environment(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKCARE_ALLOWED_HOSTS", "care.example.org")
    assert serve("--host", "0.0.0.0", "--behind-proxy").exit_code == 0
    assert len(started) == 1


def test_loopback_needs_neither(started: list[dict[str, Any]]) -> None:
    assert serve("--host", "127.0.0.1").exit_code == 0
    assert started[0]["proxy_headers"] is False


def test_half_a_certificate_is_refused(
    started: list[dict[str, Any]], certificate: list[str]
) -> None:
    result = serve(*certificate[:2])
    assert result.exit_code == USAGE
    assert "give both --ssl-certfile and --ssl-keyfile" in result.stderr
    assert started == []


def test_a_wildcard_host_is_refused_naming_the_setting(started: list[dict[str, Any]]) -> None:
    result = serve("--host", "0.0.0.0", "--allowed-host", "*", "--behind-proxy")
    assert result.exit_code == USAGE
    assert "allowed_hosts" in result.stderr
    assert started == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True),
     ("[::1]", True), ("0.0.0.0", False), ("::", False), ("10.0.0.2", False),
     ("example.org", False)],
)  # fmt: skip
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_refusal_is_one_sentence() -> None:
    sentence = refusal(Exposure("0.0.0.0", ("localhost",), certificate=False, behind_proxy=False))
    assert sentence is not None
    assert sentence.endswith("; see SECURITY.md.")
    assert sentence.count(". ") == 0


@pytest.mark.parametrize(
    ("exposure", "base"),
    [
        (Exposure("127.0.0.1", ("localhost",), False, False), "http://127.0.0.1:8000"),
        (Exposure("::1", ("localhost",), False, False), "http://[::1]:8000"),
        (
            Exposure("0.0.0.0", ("*.example.org", "care.example.org"), True, False),
            "https://care.example.org:8000",
        ),
        (
            Exposure("127.0.0.1", ("localhost", "care.example.org"), False, True),
            "https://care.example.org",
        ),
    ],
)
def test_one_time_links_are_printed_under_an_address_the_host_check_lets_in(
    exposure: Exposure, base: str
) -> None:
    assert link_base(exposure, 8000) == base


def test_serve_prints_the_owners_one_time_link_under_the_allowed_name(
    started: list[dict[str, Any]], certificate: list[str]
) -> None:
    result = serve("--host", "0.0.0.0", "--allowed-host", "care.example.org", *certificate)
    assert result.exit_code == 0, result.output
    assert len(started) == 1
    assert "https://care.example.org:8000/welcome/" in result.stdout
