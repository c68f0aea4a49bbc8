"""Shared fixtures: the packaged knowledge, loaded once."""

from __future__ import annotations

import pytest

from backcare.engine import default_knowledge
from backcare.knowledge.loader import Knowledge


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return default_knowledge()
