"""`backcare review`, `progress`, `demo` and the reviewed check-in, end to end."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from tests.store.adapt_support import assessed_patient, day, import_days
from tests.store.helpers import Cli, count_rows

USAGE = 2


def _words(text: str) -> str:
    """The output with the console's line wrapping undone."""
    return " ".join(text.split())


@pytest.fixture
def assessed(engine: Engine, knowledge: Knowledge) -> str:
    """A patient assessed on the first test day, with plan version 1."""
    return assessed_patient(engine, knowledge)


def test_review_prints_what_changed_and_why(cli: Cli, engine: Engine, assessed: str) -> None:
    import_days(engine, assessed, 0, [5] * 7 + [2] * 7)
    result = cli("review", assessed[:8], "--today", day(13).isoformat())
    assert result.exit_code == 0, result.output
    words = _words(result.stdout)
    assert "Weekly review (2025-03-16): new plan version 2." in words
    assert "Your pain has come down and you have kept up with the plan" in words
    assert "Now on plan version 2." in words
    assert count_rows(engine, "plan_versions") == 2


def test_review_says_no_change_and_why_as_json(cli: Cli, engine: Engine, assessed: str) -> None:
    result = cli("review", assessed, "--today", day(7).isoformat(), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["changed"] is False
    assert report["reviews"][0]["rules_fired"][0]["id"] == "AR-008"
    assert "no change" in cli("review", assessed, "--today", day(7).isoformat()).stdout
    assert count_rows(engine, "plan_versions") == 1


def test_a_warning_at_check_in_shows_the_emergency_instruction(
    cli: Cli, engine: Engine, assessed: str
) -> None:
    result = cli(
        "checkin", assessed, "--pain", "5", "--warning", "saddle_numbness",
        "--date", day(3).isoformat(),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    words = _words(result.stdout)
    assert "GO TO AN EMERGENCY DEPARTMENT NOW" in words
    assert "call your emergency number (999 in the UK" in words
    assert "Until Backcare re-checks" not in result.output
    assert (count_rows(engine, "plan_versions"), count_rows(engine, "alerts")) == (2, 1)


def test_a_flare_up_check_in_says_when_the_relief_plan_ends(cli: Cli, assessed: str) -> None:
    result = cli("checkin", assessed, "--pain", "8", "--flare-up", "--date", day(3).isoformat())
    assert result.exit_code == 0, result.output
    words = _words(result.stdout)
    assert "Check-in review (2025-03-06): new plan version 2." in words
    assert "The relief plan runs until Sunday 9 March." in words


def test_a_plain_check_in_prints_only_that_it_was_saved(cli: Cli, assessed: str) -> None:
    result = cli("checkin", assessed, "--pain", "3", "--date", day(1).isoformat())
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Check-in 1 saved for 2025-03-04 (pain 3/10)."]


def test_progress_prints_a_weekly_table_streaks_and_a_chart(
    cli: Cli, engine: Engine, assessed: str
) -> None:
    import_days(engine, assessed, 0, [5] * 7 + [2] * 7)
    result = cli("progress", assessed, "--today", day(13).isoformat())
    assert result.exit_code == 0, result.output
    for text in ("Week by week", "2025-03-03", "2025-03-10", "-3.0 ✓", "Exercise streak"):
        assert text in result.stdout
    assert "Pain by week (0 ▁ … █ 10): ▅▂" in result.stdout
    document = json.loads(cli("progress", assessed, "--today", "2025-03-16", "--json").stdout)
    assert [week["pain_mean"] for week in document["weeks"]] == [5.0, 2.0]
    assert document["pain_change"]["meaningful"] is True


def test_demo_creates_patients_once(cli: Cli, engine: Engine) -> None:
    result = cli("demo", "--patients", "1", "--seed", "3", "--today", "2025-03-14", "--json")
    assert result.exit_code == 0, result.output
    (created,) = json.loads(result.stdout)
    assert created["checkins"] == 84
    again = cli("demo", "--patients", "1")
    assert again.exit_code == USAGE
    assert "already has 1 demo patients" in again.stderr
    assert count_rows(engine, "patients") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "abcdef"], "No patient has an id starting with 'abcdef'"),
        (["progress", "abcdef"], "No patient has an id starting with 'abcdef'"),
        (["review", "ab"], "is not a patient id"),
        (["demo", "--patients", "0"], "patients: give a number from 1 to 40"),
        (["review", "abcdef", "--today", "2025-02-30"], "Invalid value for '--today'"),
    ],
)
def test_bad_input_exits_2_with_a_sentence(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == USAGE
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["review", "progress"])
def test_a_patient_without_an_assessment_exits_2(
    cli: Cli, engine: Engine, patient: PatientRead, command: str
) -> None:
    result = cli(command, patient.id)
    assert result.exit_code == USAGE
    assert "no assessment" in result.stderr
    assert count_rows(engine, "plan_versions") == 0


def test_a_second_check_in_the_same_day_says_it_updated_it(
    cli: Cli, engine: Engine, assessed: str
) -> None:
    first = cli("checkin", assessed, "--pain", "5", "--date", day(1).isoformat())
    assert first.exit_code == 0, first.output
    again = cli("checkin", assessed, "--pain", "3", "--sessions", "1", "--date", day(1).isoformat())
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == [
        "Updated your check-in of Tuesday 4 March. It replaces the one you made earlier that "
        "day, so the day counts once. (Check-in 1, pain 3/10.)"
    ]
    assert count_rows(engine, "checkins") == 1
