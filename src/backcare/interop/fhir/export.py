"""A person's record as one FHIR R4B collection Bundle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.domain.progress import ImportantChange
from backcare.interop.fhir.assessment import condition, condition_codes, instant, risk_assessment
from backcare.interop.fhir.care_workflow import workflow_resources
from backcare.interop.fhir.careplan import care_plan, pain_goal, referrals, service_request
from backcare.interop.fhir.codes import EXPORT_FORMAT, EXPORT_TAG, coding
from backcare.interop.fhir.flags import flag_resource
from backcare.interop.fhir.ids import full_url, ref, resource_id
from backcare.interop.fhir.measures import measure_resource
from backcare.interop.fhir.models import validate_envelope
from backcare.interop.fhir.observations import checkin_resource
from backcare.interop.fhir.patient import patient_resource
from backcare.interop.fhir.questionnaire import (
    intake_questions,
    questionnaire_resource,
    questionnaire_version,
)
from backcare.interop.fhir.response import response_resource
from backcare.interop.fhir.sessions import session_days
from backcare.interop.fhir.strings import fhir_strings
from backcare.interop.fhir.team_part import team_resources
from backcare.interop.fhir.team_record import CareRecord, load_care
from backcare.interop.fhir.validator import ModelValidator
from backcare.records.schemas import PatientRecord
from backcare.records.service import load_record
from backcare.store.types import utcnow

Resource = dict[str, Any]


def export_fhir(
    session: Session,
    *,
    patient_id: str,
    change: ImportantChange,
    reader: Actor | None,
    now: dt.datetime | None = None,
) -> Resource:
    """The patient's record as a checked Bundle (NotFoundError for an unknown id), with the
    care team's part as ``reader`` may see it (none without a reader)."""
    record = load_record(session, patient_id=patient_id)
    workflow = workflow_resources(session, patient_id=patient_id)
    care = None if reader is None else load_care(session, patient_id=patient_id, reader=reader)
    return record_bundle(record, now=now or utcnow(), change=change, extra=workflow, care=care)


def record_bundle(
    record: PatientRecord,
    *,
    now: dt.datetime,
    change: ImportantChange,
    extra: Sequence[Resource] = (),
    care: CareRecord | None = None,
) -> Resource:
    """Every resource of the record in one collection Bundle, checked before it leaves.

    Every resource goes through its fhir.resources model and the project's code checks
    (``ModelValidator.check``); the Bundle holds the resources as they were checked.
    """
    rid = partial(resource_id, record.patient.id)
    subject = ref(rid("Patient", record.patient.id))
    resources = [patient_resource(record.patient, rid("Patient", record.patient.id))]
    responses = _assessments(record, subject, resources)
    _plans(record, subject, responses, resources, change)
    resources += [
        *(checkin_resource(c, rid=rid("CheckIn", c.id), subject=subject) for c in record.checkins),
        *session_days(record.session_logs, rid=partial(rid, "SessionDay"), subject=subject),
        *(measure_resource(m, rid=rid("Measure", m.id), subject=subject) for m in record.measures),
        *(flag_resource(a, rid=rid("Alert", a.id), subject=subject) for a in record.alerts),
        *extra,  # referrals and appointments (care_workflow.py)
    ]
    if care is not None:
        resources += team_resources(care, patient_id=record.patient.id, subject=subject)
    # The official schema's string pattern, which the models do not apply (strings.py).
    for resource in resources:
        fhir_strings(resource)
    validator = ModelValidator()
    for resource in resources:
        validator.check(resource, f"{resource['resourceType']}/{resource['id']}")
    bundle = {
        "resourceType": "Bundle",
        "id": rid("Bundle", now.isoformat()),
        "meta": {"tag": [coding(EXPORT_TAG, EXPORT_FORMAT)]},
        "type": "collection",
        "timestamp": instant(now),
        "entry": [{"fullUrl": full_url(r["id"]), "resource": r} for r in resources],
    }
    validate_envelope(bundle)
    return bundle


def _assessments(record: PatientRecord, subject: Resource, out: list[Resource]) -> dict[int, str]:
    """The questionnaire, then each assessment's answers and triage; response id by assessment."""
    if not record.assessments:
        return {}
    rid = partial(resource_id, record.patient.id)
    questions = intake_questions()
    out.append(
        questionnaire_resource(questions, rid("Questionnaire", questionnaire_version(questions)))
    )
    responses: dict[int, str] = {}
    for assessment in record.assessments:
        response = responses[assessment.id] = rid("QuestionnaireResponse", assessment.id)
        authored = instant(assessment.created_at)
        out.append(
            response_resource(
                assessment.intake, questions, rid=response, subject=subject, authored=authored
            )
        )
        out.append(
            risk_assessment(
                assessment,
                rid=rid("RiskAssessment", assessment.id),
                subject=subject,
                basis=ref(response),
            )
        )
    return responses


def _plans(
    record: PatientRecord,
    subject: Resource,
    responses: dict[int, str],
    out: list[Resource],
    change: ImportantChange,
) -> None:
    """Conditions and the goal, every plan version as a CarePlan, the current referrals."""
    rid = partial(resource_id, record.patient.id)
    conditions: list[Resource] = []
    goal = None
    if record.assessments:
        first, latest = record.assessments[0], record.assessments[-1]
        conditions = [
            condition(code, first, latest, rid=rid("Condition", code), subject=subject)
            for code in condition_codes(latest)
        ]
        goal = pain_goal(first, rid=rid("Goal", "pain"), subject=subject, change=change)
    out += conditions + ([goal] if goal else [])
    previous: str | None = None
    for version in record.plan_versions:
        current = version is record.plan_versions[-1]
        plan_id = rid("CarePlan", version.version)
        wanted = referrals(version) if current else []
        refs = {
            "id": plan_id,
            "subject": subject,
            "replaces": [ref(previous)] if previous else [],
            "supportingInfo": [ref(responses[version.assessment_id])]
            if version.assessment_id in responses
            else [],
            "addresses": [ref(c["id"]) for c in conditions],
            "goal": [ref(goal["id"])] if goal else [],
            "referrals": {item["id"]: ref(rid("ServiceRequest", item["id"])) for item in wanted},
        }
        out.append(care_plan(version, current=current, refs=refs))
        out += [
            service_request(
                item,
                version,
                rid=rid("ServiceRequest", item["id"]),
                subject=subject,
                based_on=ref(plan_id),
            )
            for item in wanted
        ]
        previous = plan_id
