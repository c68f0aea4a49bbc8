"""Small records built in memory, for tests of the FHIR builders that need no database."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from backcare.patients.schemas import PatientRead
from backcare.records.schemas import PatientRecord
from backcare.tracking.schemas import CheckInRead, SessionLogRead

PATIENT_ID = uuid.UUID(int=7).hex
DAY = dt.date(2024, 3, 4)
AT = dt.datetime(2024, 3, 4, 19, 30, tzinfo=dt.UTC)


def session_log(number: int, day: dt.date = DAY, **values: Any) -> SessionLogRead:
    """A stored session log of a plan item, with ``values`` over the defaults."""
    found: dict[str, Any] = {
        "id": number,
        "patient_id": PATIENT_ID,
        "date": day,
        "item_id": "walking",
        "duration_seconds": 600,
        "felt": 7,
        "stopped_early": False,
        "stop_reason": None,
        "created_at": AT + dt.timedelta(minutes=number),
    }
    return SessionLogRead.model_validate(found | values)


def checkin(number: int, day: dt.date, **values: Any) -> CheckInRead:
    """A stored check-in, with ``values`` over the defaults."""
    found: dict[str, Any] = {
        "id": number,
        "patient_id": PATIENT_ID,
        "date": day,
        "pain_now": 4,
        "sessions_done": 1,
        "minutes": 20,
        "notes": "",
        "warnings": [],
        "flare_up": False,
        "created_at": AT,
    }
    return CheckInRead.model_validate(found | values)


def record(
    checkins: tuple[CheckInRead, ...] = (), sessions: tuple[SessionLogRead, ...] = ()
) -> PatientRecord:
    """A record with only check-ins and session logs."""
    patient = PatientRead.model_validate(
        {"id": PATIENT_ID, "display_name": "Ann Example", "created_at": AT, "preferences": {}}
    )
    return PatientRecord(patient, (), (), checkins, sessions, (), ())
