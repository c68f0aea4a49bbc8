"""A separate writer process for the crash and concurrency tests (run as a script).

python writer.py URL ack PATIENT_ID       write check-ins until killed, printing each id
                                          only after its transaction has committed
python writer.py URL burst COUNT GO_FILE  wait for GO_FILE, migrate, add a patient, write
                                          COUNT check-ins (one transaction each), print
                                          the patient id
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from sqlalchemy import update

from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin

DAY = dt.date(2024, 5, 6)
ACK_DAYS = 900
"""Days after DAY the ``ack`` writer uses in turn, all before any today this test runs on."""
TODAY = dt.date.today()


def acknowledge_forever(url: str, patient_id: str) -> None:
    """Write check-ins one transaction at a time; an id is printed only once committed."""
    engine = open_store(Settings(database_url=url))
    for n in range(10**9):
        # A day of its own for each write (one check-in a day), within the record's days.
        day = DAY + dt.timedelta(days=n % ACK_DAYS)
        data = CheckInCreate(date=day, pain_now=n % 11, notes=f"write {n}")
        with unit_of_work(engine) as session:
            row = record_checkin(session, patient_id=patient_id, data=data, today=TODAY)
        print(row.id, flush=True)


def burst(url: str, count: int, go_file: Path) -> None:
    """Start together with the other writers, then write as fast as possible."""
    print("ready", flush=True)
    while not go_file.exists():
        time.sleep(0.005)
    engine = open_store(Settings(database_url=url))
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="writer"))
        # The record begins ``count`` days back, so each write has a day of its own (one
        # check-in a day: a shared day would replace rather than add).
        began = dt.datetime.combine(TODAY - dt.timedelta(days=count), dt.time(), dt.UTC)
        session.execute(update(Patient).where(Patient.id == patient.id).values(created_at=began))
    for n in range(count):
        with unit_of_work(engine) as session:
            data = CheckInCreate(date=TODAY - dt.timedelta(days=n), pain_now=n % 11)
            record_checkin(session, patient_id=patient.id, data=data, today=TODAY)
    print(patient.id, flush=True)


if __name__ == "__main__":
    url, mode, *rest = sys.argv[1:]
    if mode == "ack":
        acknowledge_forever(url, rest[0])
    else:
        burst(url, int(rest[0]), Path(rest[1]))
