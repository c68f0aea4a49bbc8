"""A de-identified CSV across people, for a clinic's audit or research.

Method (docs/records.md says the same for readers):
- no names, ids or free text: notes, reasons for stopping and the person's own PSFS activity
  names are left out (PSFS items become ``activity 1`` to ``activity 5``);
- a pseudonym per person: HMAC-SHA-256 of the patient id under the clinic's secret key, first
  16 hex digits; the same key gives the same pseudonym in every export, and without the key
  nobody can link a pseudonym back to a record or to another export under another key;
- no calendar dates: each date becomes ``day``, days since the person's first assessment (or
  their first record), and ``week``;
- age in bands of ten years (16-19 below, 90+ at the top) and sex as answered at the first
  assessment; nothing else from the intake.
Only people for whom ``consented`` says yes are included: the care team's consent records
will answer it; until then the caller decides (the CLI asks the operator to confirm).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session

from backcare.patients.service import list_patients
from backcare.records.schemas import PatientRecord
from backcare.records.service import DIARY, load_record
from backcare.records.tables import (
    MEASURE_COLUMNS,
    Row,
    checkin_row,
    measure_rows,
    session_row,
    to_csv,
)

COLUMNS = (
    "pseudonym",
    "age_band",
    "sex",
    "record",
    "day",
    "week",
    "pain_now",
    "sessions_done",
    "minutes",
    "flare_up",
    "warnings",
    "item_id",
    "duration_seconds",
    "felt",
    "stopped_early",
    *MEASURE_COLUMNS,
)
PAGE = 500
MIN_KEY_BYTES = 16
Consent = Callable[[str], bool]


def pseudonym(patient_id: str, key: bytes) -> str:
    """A stable pseudonymous id: the same person and key always give the same one."""
    return hmac.new(key, patient_id.encode(), hashlib.sha256).hexdigest()[:16]


def age_band(age: int | None) -> str:
    """Age in ten-year bands; the youngest and oldest bands are widened so they are not rare."""
    if age is None:
        return ""
    if age >= 90:
        return "90+"
    if age < 20:
        return "16-19"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


def deidentified_csv(session: Session, *, key: bytes, consented: Consent) -> str:
    """Every consenting person's records, de-identified, as one CSV."""
    return to_csv(deidentified_rows(session, key=key, consented=consented), COLUMNS)


def deidentified_rows(session: Session, *, key: bytes, consented: Consent) -> Iterator[Row]:
    """The rows of every person ``consented`` includes."""
    offset = 0
    while patients := list_patients(session, limit=PAGE, offset=offset):
        for patient in patients:
            if consented(patient.id):
                yield from person_rows(
                    load_record(session, patient_id=patient.id, tables=DIARY), key
                )
        offset += PAGE


def person_rows(record: PatientRecord, key: bytes) -> Iterator[Row]:
    """One person's rows with dates as days from their start and no free text."""
    intake = record.assessments[0].intake if record.assessments else {}
    start = _start(record)
    person = {
        "pseudonym": pseudonym(record.patient.id, key),
        "age_band": age_band(intake.get("age")),
        "sex": intake.get("sex") or "",
    }
    rows = [checkin_row(c) for c in record.checkins]
    rows += [session_row(s) for s in record.session_logs]
    for measure in record.measures:
        rows += _psfs_unnamed(list(measure_rows(measure)))
    for row in rows:
        day = (dt.date.fromisoformat(row.pop("date")) - start).days
        row.pop("notes", None)
        row.pop("stop_reason", None)
        yield {**person, **row, "day": day, "week": day // 7}


def _start(record: PatientRecord) -> dt.date:
    if record.assessments:
        return record.assessments[0].created_at.date()
    dates = [c.date for c in record.checkins] + [s.date for s in record.session_logs]
    dates += [m.date for m in record.measures]
    return min(dates, default=dt.date.min)


def _psfs_unnamed(rows: list[Row]) -> list[Row]:
    """PSFS activities in the person's own words could name them; number them instead."""
    number = 0
    for row in rows:
        if row["measure"] == "PSFS" and row["measure_item"] != "mean":
            number += 1
            row["measure_item"] = f"activity {number}"
    return rows
