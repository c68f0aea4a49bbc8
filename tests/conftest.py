"""Shared fixtures (the packaged knowledge, loaded once; the PostgreSQL template database) and
the hypothesis profiles."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from backcare.engine import default_knowledge
from backcare.knowledge.loader import Knowledge
from tests.store.postgres import migrated_template

# Hypothesis profiles: HYPOTHESIS_PROFILE names one; otherwise "ci" under CI=true, else "dev".
# Most property tests name their own example count (@settings(max_examples=...)), which wins
# over the profile; the profile's count is for those that do not.
# - "dev": quick local runs.
# - "ci": hypothesis' own 100 examples, no deadline (a CI machine's speed varies, and a slow
#   example is not a wrong one), no example database (a fresh machine has none), and the blob
#   to replay a failure printed with it.
settings.register_profile("dev", max_examples=50)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return default_knowledge()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A PostgreSQL database migrated once per session (per xdist worker), every table empty.

    Tests never connect to it: they work in copies (tests/store/postgres.py). Skipped without
    the server, except in CI (CI=true), where it fails.
    """
    with migrated_template() as name:
        yield name
