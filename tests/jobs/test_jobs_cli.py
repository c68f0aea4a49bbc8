"""``backcare jobs run-due``: runs what is due, says so, and does nothing the second time."""

from __future__ import annotations

from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only
from tests.store.adapt_support import assessed_patient, day
from tests.store.helpers import Cli


def test_run_due_reviews_the_due_week_then_finds_nothing_due(
    engine: Engine, knowledge: Knowledge, cli: Cli
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    first = cli("jobs", "run-due", "--now", f"{day(8)}T09:00:00+00:00")
    assert first.exit_code == 0, first.output
    assert f"{patient_id}  week to {day(7)}: done (no change)" in first.output
    assert "1 reviewed, 0 failed" in first.output
    again = cli("jobs", "run-due", "--now", f"{day(8)}T10:00:00+00:00")
    assert again.exit_code == 0
    assert again.output.strip() == "Nothing was due."
    with read_only(engine) as session:
        events = list_events(session, patient_id=patient_id)
    (line,) = [e for e in events if "weekly review" in e.detail]
    assert (line.actor_role, line.source) == ("os_user", "cli")


def test_run_due_as_json_lists_each_outcome(engine: Engine, knowledge: Knowledge, cli: Cli) -> None:
    assessed_patient(engine, knowledge)
    result = cli("jobs", "run-due", "--now", f"{day(15)}T09:00", "--json")
    assert result.exit_code == 0, result.output
    assert '"status": "done"' in result.output
    assert f'"week_ending": "{day(14)}"' in result.output


def test_a_bad_or_future_now_exits_2_with_a_sentence(cli: Cli) -> None:
    for value, words in (
        ("next tuesday", "is not a date and time"),
        ("2999-01-01T00:00", "is in the future"),
        ("1999-12-31T00:00+00:00", "is before 2000"),
    ):
        result = cli("jobs", "run-due", "--now", value)
        assert result.exit_code == 2
        assert words in result.output
        assert "Traceback" not in result.output
