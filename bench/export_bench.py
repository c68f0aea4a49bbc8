"""Export time of one person with two years of daily data, in each format; prints one line each.

    uv run python bench/export_bench.py [--days 730] [--plan-every 14] [--runs 5]

The person has a check-in every day, every planned item logged on active days, a weekly PEG,
a four-weekly PSFS (bench/store_seed.py), and a new plan version every ``--plan-every`` days
(as weekly reviews make them). Each format is timed in-process after one warm-up run, so the
one-off cost of importing WeasyPrint and fhir.resources is left out; it is printed
separately. Target: under 1 s for each format.

Each line gives the median wall time and the median CPU time of the process. On a machine
shared with other jobs the wall time grows with the load (printed first); the CPU time is
what the export itself costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine

from backcare.access.actors import operator
from backcare.assessments.models import PlanVersion
from backcare.engine import default_knowledge
from backcare.records.exports import export_record
from backcare.records.formats import ExportFormat
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store

try:  # run as `python bench/export_bench.py` (the folder on sys.path) or as a module
    from bench.store_bench import seed_for
    from bench.store_seed import add_assessments, add_history, add_patients, bulk_insert
except ModuleNotFoundError:
    from store_bench import seed_for  # type: ignore[no-redef]
    from store_seed import (  # type: ignore[no-redef]
        add_assessments,
        add_history,
        add_patients,
        bulk_insert,
    )


def seed(engine: Engine, days: int, plan_every: int) -> tuple[str, dt.date]:
    """One person with ``days`` of daily history; their id and the last day."""
    patient_id = uuid.uuid4().hex
    plan_seed = seed_for(days, every_item=True)
    with engine.begin() as conn:
        add_patients(conn, [patient_id])
        add_assessments(conn, [patient_id], plan_seed)
        add_history(conn, patient_id, plan_seed, random.Random(1))
        plan = plan_seed.plan.model_dump(mode="json")
        versions = [
            {
                "patient_id": patient_id,
                "version": number,
                "plan": plan,
                "created_by": "weekly-review",
                "reason": f"Review {number}: the plan stays as it is for another week.",
                "created_at": dt.datetime.combine(
                    plan_seed.first + dt.timedelta(days=(number - 1) * plan_every),
                    dt.time(21),
                    tzinfo=dt.UTC,
                ),
            }
            for number in range(2, days // plan_every + 1)
        ]
        bulk_insert(conn, PlanVersion, versions)
    return patient_id, plan_seed.first + dt.timedelta(days=days - 1)


def timed(
    engine: Engine, patient_id: str, format: ExportFormat, today: dt.date, runs: int
) -> tuple[float, float, int]:
    """Median wall and CPU seconds of an export (after a warm-up) and its size in bytes."""
    walls, cpus, size = [], [], 0
    for run in range(runs + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        with read_only(engine) as session:
            size = len(
                export_record(
                    session,
                    patient_id=patient_id,
                    format=format,
                    today=today,
                    knowledge=default_knowledge(),
                    reader=operator(),
                ).content
            )
        if run:
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), size


def import_time(module: str) -> float:
    """Seconds to import a heavy library, paid once per process by the first export."""
    start = time.perf_counter()
    importlib.import_module(module)
    return time.perf_counter() - start


def import_timed(engine: Engine, patient_id: str, folder: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds to import the person's FHIR export into a new database."""
    from backcare.interop.fhir.importer import import_fhir
    from backcare.interop.fhir.limits import FILE_MAX_BYTES

    with read_only(engine) as session:
        raw = export_record(
            session,
            patient_id=patient_id,
            format=ExportFormat.fhir,
            today=dt.date.today(),
            knowledge=default_knowledge(),
            reader=operator(),
        ).content
    knowledge = default_knowledge()
    walls, cpus = [], []
    for run in range(runs):
        other = open_store(Settings(database_url=f"sqlite:///{folder / f'import-{run}.db'}"))
        wall, cpu = time.perf_counter(), time.process_time()
        with unit_of_work(other) as session:
            import_fhir(session, raw=raw, knowledge=knowledge, limit=FILE_MAX_BYTES)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        other.dispose()
    return statistics.median(walls), statistics.median(cpus)


def counts(engine: Engine, patient_id: str) -> str:
    """What the bench person's record holds."""
    with read_only(engine) as session:
        document = json.loads(
            export_record(
                session,
                patient_id=patient_id,
                format=ExportFormat.json,
                today=dt.date.today(),
                knowledge=default_knowledge(),
                reader=operator(),
            ).content
        )
    names = ("checkins", "session_logs", "measures", "plan_versions")
    return ", ".join(f"{len(document[name])} {name}" for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--plan-every", type=int, default=14)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(Settings(database_url=f"sqlite:///{Path(folder) / 'bench.db'}"))
        patient_id, today = seed(engine, args.days, args.plan_every)
        print(f"record: {counts(engine, patient_id)}")
        print("load average: " + " ".join(f"{load:.1f}" for load in os.getloadavg()))
        for module in ("weasyprint", "fhir.resources.R4B.observation"):
            print(f"import {module} (once per process): {import_time(module):.2f} s")
        for format in ExportFormat:
            wall, cpu, size = timed(engine, patient_id, format, today, args.runs)
            verdict = "ok" if wall < 1 else "over the 1 s target"
            print(
                f"export {format.value}: {wall:.3f} s wall, {cpu:.3f} s CPU "
                f"({size / 1e6:.2f} MB) {verdict}"
            )
        wall, cpu = import_timed(engine, patient_id, Path(folder), max(1, args.runs // 2))
        print(f"import fhir into a new database: {wall:.3f} s wall, {cpu:.3f} s CPU")
        engine.dispose()


if __name__ == "__main__":
    main()
