"""The job tests use the store fixtures: every test runs on SQLite and on PostgreSQL."""

from tests.store.conftest import (  # noqa: F401
    cli,
    db_url,
    engine,
    patient,
    postgres_url,
    settings,
)
