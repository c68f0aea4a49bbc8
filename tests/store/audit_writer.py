"""A separate process appending to the audit log, for the several-workers test (a script).

python audit_writer.py URL WORKER COUNT GO_FILE   wait for GO_FILE, then append COUNT events,
                                                  one transaction each, details WORKER-N
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent
from backcare.audit.service import record
from backcare.settings import Settings
from backcare.store.db import make_engine, unit_of_work

WORKER_ACTOR = AuditActor(role="system", name="worker")


def append(url: str, worker: str, count: int, go_file: Path) -> None:
    """Start together with the other writers, then append as fast as possible."""
    engine = make_engine(Settings(database_url=url))
    print("ready", flush=True)
    while not go_file.exists():
        time.sleep(0.005)
    for n in range(count):
        event = AuditEvent(
            actor=WORKER_ACTOR,
            action=AuditAction.record_read,
            patient_id=None,
            source="worker",
            detail=f"{worker}-{n}",
        )
        with unit_of_work(engine) as session:
            record(session, event, at=dt.datetime.now(dt.UTC))
    engine.dispose()


if __name__ == "__main__":
    url, worker, count, go = sys.argv[1:]
    append(url, worker, int(count), Path(go))
