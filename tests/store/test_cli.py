"""The store commands end to end: one clear sentence and exit code 2 on bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.cli import store_commands, tracking_commands
from backcare.domain.intake import Intake
from backcare.store.db import read_only
from backcare.store.migrate import head_revision
from backcare.tracking.service import list_checkins
from backcare.tracking.vocabulary import WARNING_QUESTIONS
from tests.store.helpers import Cli, count_rows

USAGE = 2


@pytest.fixture
def patient_id(cli: Cli) -> str:
    result = cli("patient", "add", "Ann Example", "--equipment", "mat", "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["id"])


@pytest.fixture
def intake_file(tmp_path: Path, chronic_intake: Intake) -> Path:
    path = tmp_path / "intake.json"
    path.write_text(chronic_intake.model_dump_json())
    return path


def test_db_upgrade_reports_the_revision(cli: Cli) -> None:
    result = cli("db", "upgrade")
    assert result.exit_code == 0
    assert f"revision {head_revision()}" in result.stdout


def test_patients_are_added_listed_and_shown(cli: Cli, patient_id: str) -> None:
    listed = json.loads(cli("patient", "list", "--json").stdout)
    shown = json.loads(cli("patient", "show", patient_id[:6], "--json").stdout)
    assert [p["id"] for p in listed] == [patient_id]
    assert shown["patient"]["preferences"]["equipment"] == ["mat"]
    assert shown["plan_version"] is None
    assert "Ann Example" in cli("patient", "show", patient_id).stdout


def test_a_check_in_by_flags_is_saved(cli: Cli, engine: Engine, patient_id: str) -> None:
    today = dt.date.today().isoformat()
    result = cli(
        "checkin", patient_id[:8], "--pain", "4", "--sessions", "1", "--minutes", "25",
        "--note", "ok", "--warning", "fever", "--flare-up", "--date", today,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with read_only(engine) as session:
        (row,) = list_checkins(session, patient_id=patient_id)
    assert (row.pain_now, row.minutes, row.flare_up, row.date.isoformat()) == (
        4, 25, True, today
    )  # fmt: skip
    assert "warning symptom" in result.stderr


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--pain", "11"], "pain_now"),
        (["--pain", "3", "--minutes", "-5"], "minutes"),
        (["--pain", "3", "--warning", "itchy_toes"], "warnings"),
        ([], "pain_now"),  # no terminal to ask the questions
    ],
)
def test_a_bad_check_in_exits_2_naming_the_field_and_writes_nothing(
    cli: Cli, engine: Engine, patient_id: str, args: list[str], field: str
) -> None:
    result = cli("checkin", patient_id, *args)
    assert result.exit_code == USAGE
    assert field in result.stderr
    assert "Traceback" not in result.output
    assert count_rows(engine, "checkins") == 0


def test_a_check_in_is_asked_question_by_question_at_a_terminal(
    cli: Cli, engine: Engine, patient_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracking_commands, "stdin_is_terminal", lambda: True)
    warnings = ["y" if i == 0 else "n" for i in range(len(WARNING_QUESTIONS))]
    answers = ["12", "6", "1", "30", "n", *warnings, "sore after gardening"]
    result = cli("checkin", patient_id, stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    with read_only(engine) as session:
        (row,) = list_checkins(session, patient_id=patient_id)
    first_warning = next(iter(WARNING_QUESTIONS))
    assert (row.pain_now, row.sessions_done, row.minutes) == (6, 1, 30)
    assert row.warnings == [first_warning]
    assert row.notes == "sore after gardening"


def test_an_unknown_patient_exits_2(cli: Cli) -> None:
    result = cli("checkin", "abcdef", "--pain", "3")
    assert result.exit_code == USAGE
    assert "No patient" in result.stderr


def test_assess_saves_plan_version_1_and_sessions_of_its_items_can_be_logged(
    cli: Cli, engine: Engine, patient_id: str, intake_file: Path
) -> None:
    result = cli("assess", "--patient", patient_id, str(intake_file), "--json")
    assert result.exit_code == 0, result.output
    saved = json.loads(result.stdout)
    assert saved["plan_version"]["version"] == 1
    item = saved["plan_version"]["plan"]["items"][0]["id"]
    logged = cli("log-session", patient_id, "--item", item, "--seconds", "90", "--felt", "7")
    assert logged.exit_code == 0, logged.output
    assert count_rows(engine, "session_logs") == 1
    shown = cli("assess", "--patient", patient_id, str(intake_file))
    assert "plan version 2" in shown.stdout


def test_a_bad_intake_exits_2_naming_the_field_and_writes_nothing(
    cli: Cli, engine: Engine, patient_id: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"age": 40, "duration_weeks": 3, "pain_now": 14}))
    result = cli("assess", "--patient", patient_id, str(bad))
    assert result.exit_code == USAGE
    assert "pain_now" in result.stderr
    assert count_rows(engine, "assessments") == 0


def test_a_bad_session_log_exits_2(cli: Cli, patient_id: str) -> None:
    result = cli("log-session", patient_id, "--item", "x", "--seconds", "5", "--felt", "12")
    assert result.exit_code == USAGE
    assert "felt" in result.stderr


def test_export_writes_one_json_document(cli: Cli, patient_id: str, tmp_path: Path) -> None:
    cli("checkin", patient_id, "--pain", "3")
    out = tmp_path / "ann.json"
    result = cli("export", patient_id, "--out", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    assert document["patient"]["id"] == patient_id
    assert len(document["checkins"]) == 1
    printed = json.loads(cli("export", patient_id).stdout)
    assert printed | {"exported_at": None} == document | {"exported_at": None}


def test_delete_needs_confirmation_and_then_erases_everything(
    cli: Cli, engine: Engine, patient_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("checkin", patient_id, "--pain", "3")
    refused = cli("delete", patient_id)
    assert refused.exit_code == USAGE
    assert "--yes" in refused.stderr
    monkeypatch.setattr(store_commands, "stdin_is_terminal", lambda: True)
    kept = cli("delete", patient_id, stdin="n\n")
    assert (kept.exit_code, count_rows(engine, "patients")) == (0, 1)
    erased = cli("delete", patient_id, stdin="y\n")
    assert erased.exit_code == 0, erased.output
    assert (count_rows(engine, "patients"), count_rows(engine, "checkins")) == (0, 0)
    assert cli("delete", patient_id, "--yes").exit_code == USAGE


def test_a_database_that_does_not_answer_exits_1_with_a_sentence(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKCARE_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = cli("patient", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the database could not be used")


# ---- Dates: a check-in from the start of the record to today; an assessment for an earlier
# day moves the start of the record back; absurd days are refused with a sentence.


def _days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "is after today"),
        ("9999-12-31", "is after today"),
        ("0001-01-01", "is before this person's record began"),
        (_days_ago(1), "is before this person's record began"),
    ],
)
def test_a_check_in_outside_the_record_exits_2_and_writes_nothing(
    cli: Cli, engine: Engine, patient_id: str, day: str, message: str
) -> None:
    result = cli("checkin", patient_id, "--pain", "4", "--date", day)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert count_rows(engine, "checkins") == 0


def test_an_assessment_for_an_earlier_day_lets_the_record_start_then(
    cli: Cli, engine: Engine, patient_id: str, intake_file: Path
) -> None:
    assessed = cli("assess", str(intake_file), "--patient", patient_id, "--date", _days_ago(10))
    assert assessed.exit_code == 0, assessed.output
    accepted = cli("checkin", patient_id, "--pain", "4", "--date", _days_ago(10))
    refused = cli("checkin", patient_id, "--pain", "4", "--date", _days_ago(11))
    assert accepted.exit_code == 0, accepted.output
    assert refused.exit_code == 2
    with read_only(engine) as session:
        (row,) = list_checkins(session, patient_id=patient_id)
    assert row.date.isoformat() == _days_ago(10)
    progress = cli("progress", patient_id, "--json")
    assert json.loads(progress.stdout)["start"] == _days_ago(10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "9999-12-31"], "is after today"),
        (["--date", "0001-01-01"], "more than a year before today"),
        (["--date", _days_ago(400)], "more than a year before today"),
    ],
)
def test_an_assessment_on_an_absurd_day_exits_2_and_writes_nothing(
    cli: Cli, engine: Engine, patient_id: str, intake_file: Path, args: list[str], message: str
) -> None:
    result = cli("assess", str(intake_file), "--patient", patient_id, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert count_rows(engine, "assessments") == 0


def test_an_assessment_date_needs_a_patient(cli: Cli, intake_file: Path) -> None:
    result = cli("assess", str(intake_file), "--date", _days_ago(3))
    assert result.exit_code == 2
    assert "give --patient" in result.stderr


@pytest.mark.parametrize("command", ["review", "progress"])
@pytest.mark.parametrize(
    ("day", "message"),
    [("9999-12-31", "is after today"), ("0001-01-01", "is before")],
)
def test_review_and_progress_on_an_absurd_day_exit_2(
    cli: Cli, patient_id: str, intake_file: Path, command: str, day: str, message: str
) -> None:
    assert cli("assess", str(intake_file), "--patient", patient_id).exit_code == 0
    result = cli(command, patient_id, "--today", day)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
