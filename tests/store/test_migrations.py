"""Migrations: they build exactly the tables the models describe, up and down, on both databases."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from backcare.errors import DatabaseVersionError
from backcare.store.metadata import load_metadata
from backcare.store.migrate import current_revision, downgrade, head_revision, upgrade


def test_start_up_migrates_an_empty_database_to_the_newest_revision(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in load_metadata().sorted_tables} <= tables


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_the_migrations_build_exactly_what_the_models_describe(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, load_metadata())
    assert differences == []


def test_downgrading_to_empty_and_back_works(engine: Engine) -> None:
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert "patients" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_a_database_from_a_newer_backcare_is_refused_with_a_sentence(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    with pytest.raises(DatabaseVersionError, match=r"'from_the_future'.*newer Backcare"):
        upgrade(engine)


def test_0007_keeps_the_latest_check_in_of_a_day_with_every_warning_sign(engine: Engine) -> None:
    downgrade(engine, "0005")
    rows = [
        # (date, pain, warnings, flare_up, created_at): two on 1 May, the later one last.
        ("2024-05-01", 6, '["fever"]', True, "2024-05-01 08:00:00+00:00"),
        ("2024-05-01", 3, "[]", False, "2024-05-01 20:00:00+00:00"),
        ("2024-05-01", 4, '["new_fall_or_injury", "fever"]', False, "2024-05-01 12:00:00+00:00"),
        ("2024-05-02", 5, "[]", False, "2024-05-02 09:00:00+00:00"),
    ]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO patients (id, display_name, created_at, preferences) "
                "VALUES ('p1', 'Ann', '2024-04-01 09:00:00+00:00', '{}')"
            )
        )
        for day, pain, warnings, flare, created in rows:
            conn.execute(
                text(
                    "INSERT INTO checkins (patient_id, date, pain_now, sessions_done, minutes, "
                    "notes, warnings, flare_up, created_at) VALUES ('p1', :day, :pain, 1, 0, '', "
                    ":warnings, :flare, :created)"
                ),
                {
                    "day": day,
                    "pain": pain,
                    "warnings": warnings,
                    "flare": flare,
                    "created": created,
                },
            )
    upgrade(engine)
    with engine.connect() as conn:
        kept = conn.execute(
            text("SELECT date, pain_now, warnings, flare_up FROM checkins ORDER BY date")
        ).all()
    assert [(str(day), pain, flare) for day, pain, _, flare in kept] == [
        ("2024-05-01", 3, True),
        ("2024-05-02", 5, False),
    ]
    warnings = kept[0][2] if isinstance(kept[0][2], list) else json.loads(kept[0][2])
    assert warnings == ["fever", "new_fall_or_injury"]
    uniques = inspect(engine).get_unique_constraints("checkins")
    assert uniques[0]["name"] == "uq_checkins_patient_id_date"
    assert uniques[0]["column_names"] == ["patient_id", "date"]
