"""A person's check-ins, session logs and measures as one CSV table, a row per record.

One file rather than three, so it streams to standard output and opens in any spreadsheet:
``record`` says which columns a row fills (``checkin``, ``session`` or ``measure``), and a
measure takes one row per item (PEG: pain, enjoyment, activity, mean).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from backcare.records.schemas import PatientRecord
from backcare.tracking.schemas import CheckInRead, MeasureRead, SessionLogRead

CHECKIN_COLUMNS = ("pain_now", "sessions_done", "minutes", "flare_up", "warnings", "notes")
SESSION_COLUMNS = ("item_id", "duration_seconds", "felt", "stopped_early", "stop_reason")
MEASURE_COLUMNS = ("measure", "measure_item", "measure_value")
COLUMNS = ("record", "date", *CHECKIN_COLUMNS, *SESSION_COLUMNS, *MEASURE_COLUMNS)
Row = dict[str, Any]


def record_rows(record: PatientRecord) -> Iterator[Row]:
    """Every check-in, session log and measure item of a person, in date order per kind."""
    yield from (checkin_row(c) for c in record.checkins)
    yield from (session_row(s) for s in record.session_logs)
    for measure in record.measures:
        yield from measure_rows(measure)


def checkin_row(checkin: CheckInRead) -> Row:
    return {
        "record": "checkin",
        "date": checkin.date.isoformat(),
        "pain_now": checkin.pain_now,
        "sessions_done": checkin.sessions_done,
        "minutes": checkin.minutes,
        "flare_up": checkin.flare_up,
        "warnings": " ".join(code.value for code in checkin.warnings),
        "notes": checkin.notes,
    }


def session_row(log: SessionLogRead) -> Row:
    return {
        "record": "session",
        "date": log.date.isoformat(),
        "item_id": log.item_id,
        "duration_seconds": log.duration_seconds,
        "felt": log.felt,
        "stopped_early": log.stopped_early,
        "stop_reason": log.stop_reason or "",
    }


def measure_rows(measure: MeasureRead) -> Iterator[Row]:
    """One row per item of a measure, then its derived scores."""
    for item, value in measure_items(measure):
        yield {
            "record": "measure",
            "date": measure.date.isoformat(),
            "measure": measure.kind.value,
            "measure_item": item,
            "measure_value": value,
        }


def measure_items(measure: MeasureRead) -> list[tuple[str, Any]]:
    """(item, value) pairs of a stored measure."""
    value = measure.value
    kind = measure.kind.value
    if kind == "NPRS":
        return [("score", value["score"])]
    if kind == "PEG":
        return [(name, value[name]) for name in ("pain", "enjoyment", "activity", "mean")]
    if kind == "PSFS":
        found = [(a["activity"], a["score"]) for a in value["activities"]]
        return [*found, ("mean", value["mean"])]
    answers = [(topic, answer) for topic, answer in value["answers"].items()]
    return [*answers, *value["score"].items()]


def to_csv(rows: Iterable[Row], columns: tuple[str, ...] = COLUMNS) -> str:
    """Rows as CSV text with a header; missing columns are empty."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def person_csv(record: PatientRecord) -> str:
    """The person's CSV."""
    return to_csv(record_rows(record))
