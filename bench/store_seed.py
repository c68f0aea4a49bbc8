"""Bulk seeding for the store benchmarks: years of daily history, inserted with executemany.

Rows go in with one INSERT and many parameter sets, not through the ORM or the services: the
benchmarks time reading and reviewing, and seeding millions of rows one service call at a time
would take hours. On SQLite the values are turned into SQLite's stored form here and handed to
the driver's executemany, since SQLAlchemy's per-value processing would take most of the time;
other databases get a Core INSERT. Ids are given explicitly, so nothing needs RETURNING.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select

from backcare.assessments.models import Assessment, PlanVersion
from backcare.domain.intake import Intake
from backcare.domain.plan_model import DAYS, Plan
from backcare.patients.models import Patient
from backcare.tracking.models import CheckIn, Measure, SessionLog

STAMP = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
"""One created_at for every seeded row: the benchmarks never read it."""


def table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def bulk_insert(conn: Connection, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows in one executemany."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table(model)), rows)
        return
    columns = list(rows[0])
    sql = (
        f"INSERT INTO {table(model).name} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    conn.exec_driver_sql(sql, [tuple(_stored(row[c]) for c in columns) for row in rows])


def _stored(value: Any) -> Any:
    """A value as SQLAlchemy stores it in SQLite (UTC datetimes are stored without a zone)."""
    if isinstance(value, dt.date):
        return _when(value)
    if isinstance(value, dict | list):
        return json.dumps(value) if value else ("{}" if isinstance(value, dict) else "[]")
    if isinstance(value, bool):
        return int(value)
    return value


@cache
def _when(value: dt.date) -> str:
    # Cached: the same few hundred days and one time stamp recur in millions of rows.
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class Seed:
    """What one patient's seeded history looks like."""

    intake: Intake
    plan: Plan
    first: dt.date
    days: int
    every_item: bool
    """Log every planned item on an active day (realistic) or one summary item (compact)."""


def next_id(conn: Connection, model: type[Any]) -> int:
    """The first free row id of a table."""
    return int(conn.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1


def add_patients(conn: Connection, ids: Sequence[str]) -> None:
    rows = [{"id": i, "display_name": "bench", "created_at": STAMP, "preferences": {}} for i in ids]
    bulk_insert(conn, Patient, rows)


def add_assessments(conn: Connection, ids: Sequence[str], seed: Seed) -> None:
    """One assessment and plan version 1 per patient, dated on the first day of history."""
    start = next_id(conn, Assessment)
    assessed = dt.datetime.combine(seed.first, dt.time(9), tzinfo=dt.UTC)
    intake, plan = seed.intake.model_dump(mode="json"), seed.plan.model_dump(mode="json")
    snapshot = {
        "intake": intake,
        "triage": plan["triage"],
        "classification": plan["classification"],
        "knowledge_version": seed.plan.knowledge_version,
        "created_at": assessed,
    }
    assessments = [{"id": start + n, "patient_id": i, **snapshot} for n, i in enumerate(ids)]
    bulk_insert(conn, Assessment, assessments)
    versions = [
        {
            "patient_id": i,
            "version": 1,
            "assessment_id": start + n,
            "plan": plan,
            "created_by": "bench",
            "reason": "seeded",
            "created_at": assessed,
        }
        for n, i in enumerate(ids)
    ]
    bulk_insert(conn, PlanVersion, versions)


def add_history(conn: Connection, patient_id: str, seed: Seed, rng: random.Random) -> None:
    """Daily check-ins, session logs on active days, weekly PEG and four-weekly PSFS."""
    checkins, sessions, measures = [], [], []
    for n in range(seed.days):
        day = seed.first + dt.timedelta(days=n)
        pain = max(0, min(10, round(rng.gauss(6 - 2 * n / seed.days, 1))))
        planned = seed.plan.week[DAYS[day.weekday()]]
        active = bool(planned) and rng.random() < 0.8
        checkins.append(_checkin(patient_id, day, pain, active))
        if active:
            items = planned if seed.every_item else planned[:1]
            sessions.extend(_session(patient_id, day, item, rng) for item in items)
        if n % 7 == 6:
            measures.append(_peg(patient_id, day, pain))
        if n % 28 == 0:
            measures.append(_psfs(patient_id, day, pain))
    bulk_insert(conn, CheckIn, checkins)
    bulk_insert(conn, SessionLog, sessions)
    bulk_insert(conn, Measure, measures)


def _checkin(patient_id: str, day: dt.date, pain: int, active: bool) -> dict[str, Any]:
    return {
        "patient_id": patient_id,
        "date": day,
        "pain_now": pain,
        "sessions_done": int(active),
        "minutes": 25 if active else 0,
        "notes": "",
        "warnings": [],
        "flare_up": False,
        "created_at": STAMP,
    }


def _session(patient_id: str, day: dt.date, item: str, rng: random.Random) -> dict[str, Any]:
    return {
        "patient_id": patient_id,
        "date": day,
        "item_id": item,
        "duration_seconds": 300,
        "felt": rng.randint(4, 9),
        "stopped_early": False,
        "stop_reason": None,
        "created_at": STAMP,
    }


def _peg(patient_id: str, day: dt.date, pain: int) -> dict[str, Any]:
    value = {"pain": pain, "enjoyment": pain, "activity": pain, "mean": float(pain)}
    return {
        "patient_id": patient_id,
        "kind": "PEG",
        "date": day,
        "value": value,
        "created_at": STAMP,
    }


def _psfs(patient_id: str, day: dt.date, pain: int) -> dict[str, Any]:
    activities = [{"activity": "Walking", "score": 10 - pain}]
    value = {"activities": activities, "mean": float(10 - pain)}
    return {
        "patient_id": patient_id,
        "kind": "PSFS",
        "date": day,
        "value": value,
        "created_at": STAMP,
    }


def seed_many(
    engine: Engine, ids: Sequence[str], seed: Seed, *, chunk: int, rng: random.Random
) -> Iterator[int]:
    """Seed ``ids`` in transactions of ``chunk`` patients; yields how many are done so far."""
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with engine.begin() as conn:
            add_patients(conn, part)
            add_assessments(conn, part, seed)
            for patient_id in part:
                add_history(conn, patient_id, seed, rng)
        yield start + len(part)
