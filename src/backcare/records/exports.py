"""One entry point for every export format of a person's record, for the CLI and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic_core import to_json
from sqlalchemy.orm import Session

from backcare.access.export import access_sections
from backcare.access.policy import Actor
from backcare.domain.progress import ImportantChange
from backcare.knowledge.loader import Knowledge
from backcare.records.document import record_json
from backcare.records.formats import MEDIA_TYPES, SUFFIXES, ExportFormat
from backcare.records.kept_sections import kept_sections
from backcare.records.service import DIARY, load_record
from backcare.store.types import utcnow


@dataclass(frozen=True, slots=True)
class Exported:
    """An export ready to send or save."""

    content: bytes
    media_type: str
    filename: str


def export_record(
    session: Session,
    *,
    patient_id: str,
    format: ExportFormat,
    today: dt.date,
    knowledge: Knowledge,
    reader: Actor,
) -> Exported:
    """The person's record in ``format``; ``today`` ends the report's period (PDF only).

    ``reader`` was allowed to export it; the FHIR Bundle and the report hold the care team's
    notes ``reader`` may read, no others (backcare.interop.fhir.team_record)."""
    content = _content(session, patient_id, format, today, knowledge, reader)
    return Exported(content, MEDIA_TYPES[format], f"backcare-{patient_id[:8]}.{SUFFIXES[format]}")


def _content(
    session: Session,
    patient_id: str,
    format: ExportFormat,
    today: dt.date,
    knowledge: Knowledge,
    reader: Actor,
) -> bytes:
    # Each format's module is imported only when asked for: FHIR and PDF load heavy libraries.
    if format == ExportFormat.json:
        record = load_record(session, patient_id=patient_id)
        access = {
            **access_sections(session, patient_id=patient_id, reader=reader),
            **kept_sections(session, patient_id=patient_id),
        }
        return record_json(record, exported_at=utcnow(), access=access)
    if format == ExportFormat.fhir:
        from backcare.interop.fhir.export import export_fhir

        # Compact: indentation would add a third to the Bundle.
        change = ImportantChange.of(knowledge.thresholds)
        return to_json(export_fhir(session, patient_id=patient_id, change=change, reader=reader))
    if format == ExportFormat.csv:
        from backcare.records.tables import person_csv

        return person_csv(load_record(session, patient_id=patient_id, tables=DIARY)).encode()
    from backcare.records.report.pdf import report_pdf
    from backcare.records.report.view import report_view

    view = report_view(
        session, patient_id=patient_id, today=today, knowledge=knowledge, reader=reader
    )
    return report_pdf(view)
