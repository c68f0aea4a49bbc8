"""Export time of one person with two years of daily data, in each format; prints one line each.

    uv run python bench/export_bench.py [--days 730] [--plan-every 14]

The person has a check-in every day, every planned item logged on active days, a weekly PEG,
a four-weekly PSFS (bench/store_seed.py), and a new plan version every ``--plan-every`` days
(as weekly reviews make them). Each format is timed in-process after one warm-up run, so the
one-off cost of importing WeasyPrint (about 3 s) and fhir.resources is left out; it is printed
separately. Target: under 1 s for each format. The FHIR line also prints the Bundle's size
(imports are limited to 10 MB) and the time with every resource run through its model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine

from backcare.assessments.models import PlanVersion
from backcare.records.exports import export_record
from backcare.records.formats import ExportFormat
from backcare.records.service import load_record
from backcare.settings import Settings
from backcare.store.db import read_only
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

RUNS = 3


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
    engine: Engine, patient_id: str, format: ExportFormat, today: dt.date
) -> tuple[float, int]:
    """Median seconds of an export (after a warm-up) and its size in bytes."""
    times, size = [], 0
    for run in range(RUNS + 1):
        start = time.perf_counter()
        with read_only(engine) as session:
            size = len(
                export_record(session, patient_id=patient_id, format=format, today=today).content
            )
        if run:
            times.append(time.perf_counter() - start)
    return statistics.median(times), size


def strict_fhir(engine: Engine, patient_id: str) -> float:
    """The FHIR export with every resource run through its fhir.resources model."""
    from backcare.interop.fhir.export import record_bundle

    with read_only(engine) as session:
        record = load_record(session, patient_id=patient_id)
    start = time.perf_counter()
    bundle = record_bundle(record, now=dt.datetime.now(dt.UTC), check_every_resource=True)
    json.dumps(bundle)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--plan-every", type=int, default=14)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(Settings(database_url=f"sqlite:///{Path(folder) / 'bench.db'}"))
        patient_id, today = seed(engine, args.days, args.plan_every)
        with read_only(engine) as session:
            record = load_record(session, patient_id=patient_id)
        print(
            f"record: {len(record.checkins)} check-ins, {len(record.session_logs)} session logs, "
            f"{len(record.measures)} measures, {len(record.plan_versions)} plan versions"
        )
        start = time.perf_counter()
        import weasyprint  # noqa: F401 - timing the one-off import the first PDF pays

        print(f"weasyprint import (once per process): {time.perf_counter() - start:.2f} s")
        for format in ExportFormat:
            seconds, size = timed(engine, patient_id, format, today)
            verdict = "ok" if seconds < 1 else "over the 1 s target"
            print(f"export {format.value}: {seconds:.3f} s ({size / 1e6:.1f} MB) {verdict}")
        strict = strict_fhir(engine, patient_id)
        print(f"export fhir, every resource through its model: {strict:.2f} s")
        engine.dispose()


if __name__ == "__main__":
    main()
