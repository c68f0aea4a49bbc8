"""`backcare serve`'s start-up: migrate, and load the demo only into a new database."""

from __future__ import annotations

from typer import Typer
from typer.testing import CliRunner

from backcare.cli.web_commands import DEMO_PATIENTS, prepare_database, register
from backcare.settings import Settings
from backcare.store.db import make_engine
from backcare.store.migrate import current_revision, head_revision
from tests.store.helpers import count_rows


def fresh(db_url: str) -> Settings:
    """Settings for a database nobody has migrated yet."""
    return Settings(database_url=db_url, environment="test")


def test_a_new_database_is_migrated_and_given_the_demo(db_url: str) -> None:
    assert prepare_database(fresh(db_url), demo=True) is True
    engine = make_engine(fresh(db_url))
    try:
        assert current_revision(engine) == head_revision()
        assert count_rows(engine, "patients") == DEMO_PATIENTS
        assert prepare_database(fresh(db_url), demo=True) is False
        assert count_rows(engine, "patients") == DEMO_PATIENTS
    finally:
        engine.dispose()


def test_no_demo_when_asked_not_to(db_url: str) -> None:
    assert prepare_database(fresh(db_url), demo=False) is False
    engine = make_engine(fresh(db_url))
    try:
        assert current_revision(engine) == head_revision()
        assert count_rows(engine, "patients") == 0
    finally:
        engine.dispose()


def test_serve_is_registered_with_its_options() -> None:
    app = Typer()
    register(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--no-demo"):
        assert option in result.output
