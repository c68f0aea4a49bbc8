"""The one validated configuration object, read from ``BACKCARE_*`` environment variables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_FILE = "backcare.db"
# Plain "postgresql://" would pick psycopg2, which is not installed; psycopg 3 is.
_POSTGRES_ALIASES = {"postgres", "postgresql", "postgresql+psycopg"}
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
# The Host header Starlette's TestClient sends; accepted only when environment is "test".
TEST_CLIENT_HOST = "testserver"
MEBIBYTE = 1024 * 1024
# A name, an IPv4 address, "[IPv6]", or "*.domain" for every subdomain; never "*" alone.
_HOST_PATTERN = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\]")


def _default_database_url() -> str:
    """A SQLite file in the directory the command runs from, as an absolute path."""
    return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


class Settings(BaseSettings):
    """Everything configurable about a Backcare process, validated once at start-up."""

    model_config = SettingsConfigDict(env_prefix="BACKCARE_", extra="forbid", frozen=True)

    database_url: str = Field(
        default_factory=_default_database_url,
        description="sqlite:///PATH (default ./backcare.db) or postgresql+psycopg://USER@HOST/DB.",
    )
    environment: Literal["development", "test", "production"] = "development"
    session_idle_minutes: int = Field(
        default=30, ge=1, le=24 * 60, description="A sign-in ends after this long unused."
    )
    session_absolute_hours: int = Field(
        default=12, ge=1, le=24 * 30, description="A sign-in ends this long after it began."
    )
    require_totp_for_staff: bool = Field(
        default=False,
        description="Clinicians and admins must set up a TOTP second factor before anything else.",
    )
    break_glass_minutes: int = Field(
        default=60, ge=5, le=24 * 60, description="How long an admin's break-glass access lasts."
    )
    sign_in_link_hours: int = Field(
        default=24, ge=1, le=24 * 7, description="How long a one-time sign-in link works."
    )
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = Field(
        default=LOOPBACK_HOSTS,
        description=(
            "Host names the server answers to, comma-separated (the Host header of every "
            "request must be one of them); loopback names by default."
        ),
    )
    max_body_bytes: int = Field(
        default=MEBIBYTE,
        ge=1024,
        le=64 * MEBIBYTE,
        description="The largest request body accepted, in bytes (413 beyond it).",
    )

    review_every_minutes: int = Field(
        default=10,
        ge=0,
        le=24 * 60,
        description=(
            "How often each server worker looks for weekly reviews that are due and runs "
            "them (0 turns it off; it is always off in the test environment)."
        ),
    )

    @property
    def scheduler_on(self) -> bool:
        """Whether ``serve`` runs the review scheduler in each worker."""
        return self.review_every_minutes > 0 and self.environment != "test"

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _plain_hosts(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        hosts = tuple(host.lower() for host in value)
        if not hosts:
            raise ValueError("give at least one host name")
        for host in hosts:
            if not _HOST_PATTERN.fullmatch(host):
                raise ValueError(
                    f"{host!r} is not a host name (a name such as backcare.example.org, an "
                    "address, or *.example.org; never * alone, which would answer any Host)"
                )
        if info.data.get("environment") == "test" and TEST_CLIENT_HOST not in hosts:
            hosts += (TEST_CLIENT_HOST,)
        return hosts

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"not a database URL: {value!r}") from exc
        if url.drivername in _POSTGRES_ALIASES:
            return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        if url.drivername in {"sqlite", "sqlite+pysqlite"}:
            return _absolute_sqlite(url)
        raise ValueError("only sqlite:///PATH and postgresql+psycopg:// URLs are supported")


def _absolute_sqlite(url: URL) -> str:
    """Resolve a relative SQLite path now, so a later change of directory cannot move the data."""
    if not url.database or url.database == ":memory:":
        return url.render_as_string()
    return url.set(database=str(Path(url.database).resolve())).render_as_string()
