"""A Bundle read into the parts of a Backcare record, every resource checked first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from backcare.assessments.schemas import PlanVersionCreate
from backcare.domain.intake import Intake, Preferences
from backcare.interop.fhir.careplan import read_plan_version
from backcare.interop.fhir.checks import BUNDLE_TYPES
from backcare.interop.fhir.codes import (
    CHECKIN,
    CONDITION_TEXT,
    LOINC,
    NPRS,
    PAIN_SEVERITY,
    SESSIONS,
    SNOMED,
)
from backcare.interop.fhir.flags import read_flag
from backcare.interop.fhir.ids import first_error, problem
from backcare.interop.fhir.measures import MEASURE_KINDS, read_measure
from backcare.interop.fhir.models import validate_envelope
from backcare.interop.fhir.observations import issued, read_checkin
from backcare.interop.fhir.parts import moment, record_kind, required
from backcare.interop.fhir.patient import read_patient
from backcare.interop.fhir.questionnaire import by_link_id, intake_questions
from backcare.interop.fhir.response import intake_from_response
from backcare.interop.fhir.sessions import read_session_day
from backcare.interop.fhir.team_part import TEAM_READERS, TeamImport, TeamReader
from backcare.interop.fhir.validator import ModelValidator
from backcare.tracking.schemas import AlertCreate, CheckInCreate, MeasureCreate, SessionLogCreate

Resource = dict[str, Any]
Stamp = dt.datetime | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One checked entry: its fullUrl, its resource and where it is, for messages."""

    url: str
    resource: Resource
    where: str


@dataclass
class ImportedRecord:
    """What a Bundle holds, in Backcare's own schemas, ready to store."""

    name: str = ""
    preferences: Preferences = field(default_factory=Preferences)
    assessments: list[tuple[str, dt.datetime, Intake]] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    """Triage level of each assessment as the Bundle's RiskAssessment gives it (by response)."""
    plans: list[tuple[int, PlanVersionCreate, str | None, Stamp]] = field(default_factory=list)
    checkins: list[tuple[CheckInCreate, Stamp]] = field(default_factory=list)
    sessions: list[tuple[SessionLogCreate, Stamp]] = field(default_factory=list)
    measures: list[tuple[MeasureCreate, Stamp]] = field(default_factory=list)
    alerts: list[tuple[AlertCreate, dict[str, Any]]] = field(default_factory=list)
    team: TeamImport = field(default_factory=TeamImport)
    """The care teams, notes and messages (backcare.interop.fhir.team_part)."""


def read_bundle(bundle: Any) -> ImportedRecord:
    """Check a parsed Bundle and read it; InvalidInputError names the resource and field."""
    entries = _entries(bundle)
    patients = [e for e in entries if e.resource["resourceType"] == "Patient"]
    if len(patients) != 1:
        raise problem("Bundle", "entry", f"holds {len(patients)} Patients; Backcare needs one.")
    patient = patients[0]
    record = ImportedRecord()
    record.name, record.preferences = read_patient(patient.resource, patient.where)
    subjects = {patient.url, f"Patient/{patient.resource.get('id')}"}
    for entry in entries:
        # An Appointment names its patient among its participants, and is skipped anyway.
        if entry.resource["resourceType"] not in ("Patient", "Questionnaire", "Appointment"):
            _check_subject(entry.resource, subjects, entry.where)
        _READERS[entry.resource["resourceType"]](record, entry)
    return record


def _entries(bundle: Any) -> list[Entry]:
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        found = bundle.get("resourceType") if isinstance(bundle, dict) else type(bundle).__name__
        raise problem("Bundle", "resourceType", f"expected 'Bundle', found {found!r}.")
    if bundle.get("type") not in BUNDLE_TYPES:
        raise problem("Bundle", "type", f"{bundle.get('type')!r} is not a Bundle type.")
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise problem("Bundle", "entry", "must be a list of entries.")
    validate_envelope(bundle)
    found, seen, validator = [], set(), ModelValidator()
    for number, entry in enumerate(entries):
        resource = entry.get("resource")
        kind = resource.get("resourceType") if isinstance(resource, dict) else None
        where = f"Bundle.entry[{number}] ({kind})"
        if not isinstance(resource, dict):
            raise problem(f"Bundle.entry[{number}]", "resource", "is missing.")
        url = str(entry.get("fullUrl") or "")
        if not url or url in seen:
            raise problem(f"Bundle.entry[{number}]", "fullUrl", "is missing or repeated.")
        seen.add(url)
        validator.check(resource, where)
        found.append(Entry(url, resource, where))
    return found


def _check_subject(resource: Resource, subjects: set[str], where: str) -> None:
    reference = (resource.get("subject") or {}).get("reference")
    if reference is None:
        raise problem(where, "subject", "is missing; every resource must name the patient.")
    if reference not in subjects:
        raise problem(where, "subject", f"{reference!r} is not the Bundle's Patient.")


Reader = Callable[[ImportedRecord, Entry], None]


def _guarded(reader: Reader) -> Reader:
    """A reader whose schema errors become the import's refusal, naming the resource."""

    def read(record: ImportedRecord, entry: Entry) -> None:
        try:
            reader(record, entry)
        except ValidationError as exc:
            raise problem(entry.where, "value", f"cannot be stored ({first_error(exc)}).") from exc

    return read


def _skip(_record: ImportedRecord, _entry: Entry) -> None:
    """Derived resources (Backcare makes them again from the record): checked, not stored."""


def _response(record: ImportedRecord, entry: Entry) -> None:
    url, resource, where = entry.url, entry.resource, entry.where
    authored = moment(resource, "authored", where)
    if authored is None:
        raise problem(where, "authored", "is missing; Backcare needs when the answers were given.")
    intake = intake_from_response(resource, by_link_id(intake_questions()), where)
    record.assessments.append((url, authored, intake))


def _risk(record: ImportedRecord, entry: Entry) -> None:
    resource = entry.resource
    basis = [b.get("reference") for b in resource.get("basis", [])]
    outcome = resource.get("prediction", [{}])[0].get("outcome", {}).get("coding", [{}])[0]
    if basis and outcome.get("code"):
        record.levels[str(basis[0])] = str(outcome["code"])


def _condition(_record: ImportedRecord, entry: Entry) -> None:
    resource, where = entry.resource, entry.where
    codes = [c for c in resource["code"]["coding"] if c.get("system") == SNOMED]
    if not codes or codes[0].get("code") not in CONDITION_TEXT:
        known = ", ".join(f"{code} ({text})" for code, text in CONDITION_TEXT.items())
        raise problem(where, "code", f"Backcare knows the SNOMED CT conditions {known} only.")


def _care_plan(record: ImportedRecord, entry: Entry) -> None:
    resource, where = entry.resource, entry.where
    number, data = read_plan_version(resource, where)
    support = [s.get("reference") for s in resource.get("supportingInfo", [])]
    record.plans.append(
        (number, data, support[0] if support else None, moment(resource, "created", where))
    )


def _observation(record: ImportedRecord, entry: Entry) -> None:
    resource, where = entry.resource, entry.where
    kind = record_kind(resource) or _standard_kind(resource, where)
    stamp = issued(resource, where)
    if kind == CHECKIN:
        record.checkins.append((read_checkin(resource, where), stamp))
    elif kind == SESSIONS:
        record.sessions += [(log, stamp) for log in read_session_day(resource, where)]
    elif kind in MEASURE_KINDS:
        record.measures.append((read_measure(resource, kind, where), stamp))
    else:
        raise problem(where, "code", f"{kind!r} is not an Observation Backcare reads.")


def _standard_kind(resource: Resource, where: str) -> str:
    """A pain score from another system (LOINC 72514-3 only) is read as a pain rating."""
    codes = {(c.get("system"), c.get("code")) for c in resource["code"].get("coding", [])}
    if (LOINC, PAIN_SEVERITY) in codes:
        required(resource, "valueInteger", where)
        return NPRS
    raise problem(
        where,
        "code",
        "is neither one of Backcare's records nor a LOINC 72514-3 pain score.",
    )


def _flag(record: ImportedRecord, entry: Entry) -> None:
    record.alerts.append(read_flag(entry.resource, entry.where))


_READERS: dict[str, Reader] = {
    "Patient": _skip,
    "Questionnaire": _skip,
    "QuestionnaireResponse": _guarded(_response),
    "RiskAssessment": _risk,
    "Condition": _condition,
    "Goal": _skip,
    "ServiceRequest": _skip,
    "CarePlan": _guarded(_care_plan),
    "Observation": _guarded(_observation),
    "Flag": _guarded(_flag),
    "Appointment": _skip,  # local accounts and times: not imported (care_workflow.py)
}


def _team(read: TeamReader) -> Reader:
    def go(record: ImportedRecord, entry: Entry) -> None:
        read(record.team, entry.resource, entry.url, entry.where)

    return go


_READERS.update({kind: _guarded(_team(read)) for kind, read in TEAM_READERS.items()})
