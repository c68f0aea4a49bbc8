"""Store a Bundle as a new record, or its latest answers as a new assessment of a patient.

The service never commits: the command or request that calls it commits once, so a refusal
anywhere leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from backcare.assessments import service as assessments
from backcare.assessments.schemas import AssessmentRead
from backcare.domain.plan_model import Plan
from backcare.domain.vocabulary import Level
from backcare.errors import InvalidInputError
from backcare.interop.fhir.limits import API_MAX_BYTES, parse_json
from backcare.interop.fhir.reader import ImportedRecord, read_bundle
from backcare.interop.fhir.safety import check_current_level, check_plan
from backcare.interop.fhir.team_part import store_team
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient, require_patient
from backcare.store.types import utcnow
from backcare.tracking import repository as tracking_rows
from backcare.tracking.models import Alert, CheckIn, Measure, SessionLog
from backcare.tracking.service import checkin_values, one_per_day

IMPORT_AUTHOR = "import"


class ImportResult(BaseModel):
    """What an import stored."""

    model_config = ConfigDict(frozen=True)

    patient_id: str
    created: bool = Field(description="A new record (true) or a new assessment (false).")
    assessments: int
    plan_versions: int
    checkins: int
    session_logs: int
    measures: int
    alerts: int
    care_teams: int = Field(default=0, description="Care teams kept as history; no access.")
    notes: int = Field(default=0, description="Clinical notes and addenda.")
    messages: int = 0
    notices: list[str] = Field(description="Things the reader of the import should know.")


def import_fhir(
    session: Session,
    *,
    raw: bytes,
    knowledge: Knowledge,
    patient_id: str | None = None,
    limit: int = API_MAX_BYTES,
) -> ImportResult:
    """Read a Bundle of at most ``limit`` bytes, refusing bad input before writing, and store it."""
    record = read_bundle(parse_json(raw, limit=limit))
    if patient_id is not None:
        return _new_assessment(session, record, knowledge, patient_id)
    return _new_record(session, record, knowledge)


def _new_assessment(
    session: Session, record: ImportedRecord, knowledge: Knowledge, patient_id: str
) -> ImportResult:
    if not record.assessments:
        raise InvalidInputError("Bundle: holds no QuestionnaireResponse to assess.")
    require_patient(session, patient_id=patient_id)
    _, _, intake = max(record.assessments, key=lambda found: found[1])
    assessments.assess_patient(
        session, patient_id=patient_id, intake=intake, knowledge=knowledge, created_by=IMPORT_AUTHOR
    )
    notice = "The latest answers were stored as a new assessment, with a plan built from them."
    return _result(patient_id, False, (1, 1, 0, 0, 0, 0), [notice])


def _new_record(session: Session, record: ImportedRecord, knowledge: Knowledge) -> ImportResult:
    patient = create_patient(
        session, data=PatientCreate(display_name=record.name, preferences=record.preferences)
    )
    stored, notices = _assessments(session, record, knowledge, patient.id)
    _plans(session, record, knowledge, patient.id, stored)
    _tracking(session, record, patient.id)
    team = store_team(session, record.team, patient_id=patient.id, now=utcnow())
    built = int(bool(record.assessments) and not record.plans)
    if built:
        assessments.assess_patient(
            session,
            patient_id=patient.id,
            intake=record.assessments[-1][2],
            knowledge=knowledge,
            created_by=IMPORT_AUTHOR,
        )
        notices.append("The Bundle held no Backcare plan, so one was built from the answers.")
    counts = (
        len(record.assessments) + built,
        len(record.plans) + built,
        len({data.date for data, _ in record.checkins}),
        len(record.sessions),
        len(record.measures),
        len(record.alerts),
    )
    if team.care_teams or team.notes:
        notices.append(
            "Care teams and notes keep their authors' names; they give nobody here access, and "
            "nobody here can change or sign the notes."
        )
    result = _result(patient.id, True, counts, notices)
    return result.model_copy(
        update={"care_teams": team.care_teams, "notes": team.notes, "messages": team.messages}
    )


def _assessments(
    session: Session, record: ImportedRecord, knowledge: Knowledge, patient_id: str
) -> tuple[dict[str, AssessmentRead], list[str]]:
    """Each intake again through this Backcare's triage; a different level is reported."""
    stored: dict[str, AssessmentRead] = {}
    notices = []
    record.assessments.sort(key=lambda found: found[1])
    for url, authored, intake in record.assessments:
        row = assessments.record_assessment(
            session, patient_id=patient_id, intake=intake, knowledge=knowledge, at=authored
        )
        stored[url] = row
        given = record.levels.get(url)
        if given is not None and given != row.triage["level"]:
            notices.append(
                f"The answers of {authored:%Y-%m-%d} gave {given} in the Bundle and give "
                f"{row.triage['level']} with this Backcare's rules ({row.knowledge_version})."
            )
    return stored, notices


def _plans(
    session: Session,
    record: ImportedRecord,
    knowledge: Knowledge,
    patient_id: str,
    stored: dict[str, AssessmentRead],
) -> None:
    record.plans.sort(key=lambda found: found[0])
    numbers = [number for number, *_ in record.plans]
    if numbers != list(range(1, len(numbers) + 1)):
        raise InvalidInputError(
            f"CarePlan: plan versions must run 1, 2, 3... without gaps; found {numbers}."
        )
    for number, data, support, created in record.plans:
        where = f"CarePlan (version {number})"
        check_plan(data.plan, knowledge, where)
        assessment = stored.get(support) if support else None
        update: dict[str, Any] = {"assessment_id": assessment.id if assessment else None}
        assessments.add_plan_version(
            session, patient_id=patient_id, data=data.model_copy(update=update), at=created
        )
    if record.plans and stored:
        latest = max(stored.values(), key=lambda row: (row.created_at, row.id))
        current: Plan = record.plans[-1][1].plan
        check_current_level(current, Level(latest.triage["level"]), "CarePlan (current)")


def _tracking(session: Session, record: ImportedRecord, patient_id: str) -> None:
    now = utcnow()
    rows: list[CheckIn | SessionLog | Measure | Alert] = []
    # One check-in a day: a bundle from before that rule may hold two; the later one is kept,
    # with every warning sign of the day (tracking.service.one_per_day).
    stamps = {data.date: stamp for data, stamp in record.checkins}
    for data in one_per_day([data for data, _ in record.checkins]):
        stamp = stamps[data.date]
        rows.append(CheckIn(**{**checkin_values(patient_id, data), "created_at": stamp or now}))
    for log, stamp in record.sessions:
        rows.append(SessionLog(patient_id=patient_id, created_at=stamp or now, **log.model_dump()))
    for measure, stamp in record.measures:
        value = measure.value.model_dump(mode="json", exclude={"kind"})
        rows.append(
            Measure(
                patient_id=patient_id,
                kind=measure.value.kind.value,
                date=measure.date,
                value=value,
                created_at=stamp or now,
            )
        )
    for alert, when in record.alerts:
        rows.append(
            Alert(
                patient_id=patient_id,
                kind=alert.kind.value,
                detail=alert.detail,
                resolved=when["resolved"],
                resolved_at=when["resolved_at"],
                created_at=when["created_at"] or now,
            )
        )
    tracking_rows.add_all(session, rows)


def _result(
    patient_id: str, created: bool, counts: tuple[int, ...], notices: list[str]
) -> ImportResult:
    names = ("assessments", "plan_versions", "checkins", "session_logs", "measures", "alerts")
    return ImportResult(
        patient_id=patient_id,
        created=created,
        notices=notices,
        **dict(zip(names, counts, strict=True)),
    )
