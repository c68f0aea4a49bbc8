"""The edge of every store command: settings, migrations, one transaction, friendly errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backcare.cli.errors import InputProblem, describe, fail
from backcare.errors import BackcareError, DatabaseVersionError
from backcare.patients.service import resolve_patient_id
from backcare.settings import Settings
from backcare.store.migrate import open_store

DATABASE_ERROR = 1


@contextmanager
def store_errors() -> Iterator[None]:
    """Bad input and unknown ids exit 2 with one sentence; database trouble exits 1."""
    try:
        yield
    except ValidationError as exc:
        fail(f"{describe(exc)}.")
    except DatabaseVersionError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(DATABASE_ERROR) from None
    except (InputProblem, BackcareError) as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        typer.echo(f"Error: the database could not be used ({reason}).", err=True)
        raise typer.Exit(DATABASE_ERROR) from None


def settings_or_fail() -> Settings:
    """The settings from BACKCARE_* variables, or exit 2 naming the bad one."""
    try:
        return Settings()
    except ValidationError as exc:
        fail(f"configuration (BACKCARE_* environment variables): {describe(exc)}.")


@contextmanager
def store() -> Iterator[Engine]:
    """The configured database, migrated to the current schema, closed when the command ends."""
    engine = open_store(settings_or_fail())
    try:
        yield engine
    finally:
        engine.dispose()


def resolve_patient(session: Session, text: str) -> str:
    """The full patient id for what was typed (an id or a unique prefix)."""
    return resolve_patient_id(session, text=text)
