"""Counts read as words: "1 day in a row", never "1 days"; one helper for CLI, pages and plan."""

from __future__ import annotations

import pytest

from backcare.domain.plural import plural
from backcare.patients.schemas import PatientRead
from tests.store.helpers import Cli


def test_plural() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert [plural(n, "person", "people") for n in (1, 3)] == ["1 person", "3 people"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_progress_says_one_day_in_a_row(cli: Cli, patient: PatientRead) -> None:
    assert cli("assess", "--patient", patient.id, "examples/self-care-acute.json").exit_code == 0
    assert cli("checkin", patient.id, "--pain", "3", "--sessions", "1").exit_code == 0
    result = cli("progress", patient.id)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Exercise streak: 1 day in a row now; longest 1 day." in text
    assert "1 days" not in text
