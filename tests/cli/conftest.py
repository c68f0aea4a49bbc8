"""CLI fixtures: the store's database fixtures, so account commands run against a real database."""

from __future__ import annotations

from tests.store import conftest as store

postgres_url = store.postgres_url
db_url = store.db_url
settings = store.settings
engine = store.engine
cli = store.cli
patient = store.patient
