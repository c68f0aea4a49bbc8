"""One entry point for every export format of a person's record, for the CLI and the API."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.patients.export import export_patient
from backcare.records.formats import MEDIA_TYPES, SUFFIXES, ExportFormat


@dataclass(frozen=True, slots=True)
class Exported:
    """An export ready to send or save."""

    content: bytes
    media_type: str
    filename: str


def export_record(
    session: Session, *, patient_id: str, format: ExportFormat, today: dt.date
) -> Exported:
    """The person's record in ``format``; ``today`` ends the report's period (PDF only)."""
    content = _content(session, patient_id, format, today)
    return Exported(content, MEDIA_TYPES[format], f"backcare-{patient_id[:8]}.{SUFFIXES[format]}")


def _content(session: Session, patient_id: str, format: ExportFormat, today: dt.date) -> bytes:
    # Each format's module is imported only when asked for: FHIR and PDF load heavy libraries.
    if format == ExportFormat.json:
        document = export_patient(session, patient_id=patient_id)
        return _json(document)
    if format == ExportFormat.fhir:
        from backcare.interop.fhir.export import export_fhir

        # Compact: indentation would add a third to a Bundle that must stay under 10 MB.
        return json.dumps(
            export_fhir(session, patient_id=patient_id), ensure_ascii=False, separators=(",", ":")
        ).encode()
    if format == ExportFormat.csv:
        from backcare.records.service import load_record
        from backcare.records.tables import person_csv

        return person_csv(load_record(session, patient_id=patient_id)).encode()
    from backcare.records.report.pdf import report_pdf
    from backcare.records.report.view import report_view

    return report_pdf(report_view(session, patient_id=patient_id, today=today))


def _json(document: object) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode()
