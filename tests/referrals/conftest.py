"""Referral and appointment fixtures: the care team's (a person with a plan, three clinicians)."""

from __future__ import annotations

from tests.team import conftest as team_conftest

postgres_url = team_conftest.postgres_url
db_url = team_conftest.db_url
settings = team_conftest.settings
engine = team_conftest.engine
clock = team_conftest.clock
app = team_conftest.app
team = team_conftest.team
