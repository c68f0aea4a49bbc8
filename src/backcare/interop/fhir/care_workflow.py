"""Referrals (the workflow's, not the plan's suggestions) as ServiceRequests, and appointments
as Appointments.

The plan's referral items are exported as proposed ServiceRequests by careplan.py. A referral
someone actually made is a ServiceRequest of its own, whose status follows the workflow
(requested, accepted, booked and seen are active; closed is completed; declined is revoked),
with the exact step in Backcare's referral-status extension and each step in a note. It is
``basedOn`` the plan item's ServiceRequest when that item is in the current plan, and a
counter-referral on the referral it answers. Clinicians appear by name and profession only
(Backcare exports no Practitioner resources).

The import skips both (as it skips the plan's ServiceRequests): they name local accounts, which
a Bundle from elsewhere cannot vouch for.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from backcare.appointments.schemas import AppointmentRead
from backcare.appointments.service import list_appointments
from backcare.assessments.service import current_plan
from backcare.domain.appointment_flow import AppointmentStatus, Mode
from backcare.domain.referral_flow import ReferralStatus
from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.codes import BASE, concept
from backcare.interop.fhir.ids import ref, resource_id
from backcare.referrals.models import Referral, ReferralEvent
from backcare.referrals.service import history

Resource = dict[str, Any]
PROFESSION = f"{BASE}/CodeSystem/profession"
REFERRAL_STATUS = f"{BASE}/referral-status"
APPOINTMENT_UID = f"{BASE}/appointment-uid"
REQUEST_STATUS = {
    ReferralStatus.REQUESTED: "active",
    ReferralStatus.ACCEPTED: "active",
    ReferralStatus.BOOKED: "active",
    ReferralStatus.SEEN: "active",
    ReferralStatus.CLOSED: "completed",
    ReferralStatus.DECLINED: "revoked",
}
APPOINTMENT_STATUS = {
    AppointmentStatus.PROPOSED: "proposed",
    AppointmentStatus.ACCEPTED: "booked",
    AppointmentStatus.DECLINED: "cancelled",
    AppointmentStatus.CANCELLED: "cancelled",
}
PERSON_ANSWER = {
    AppointmentStatus.PROPOSED: "needs-action",
    AppointmentStatus.ACCEPTED: "accepted",
    AppointmentStatus.DECLINED: "declined",
    AppointmentStatus.CANCELLED: "declined",
}


def workflow_resources(session: Session, *, patient_id: str) -> list[Resource]:
    """The record's referrals and appointments, ready for the export's Bundle."""
    rid = partial(resource_id, patient_id)
    subject = ref(rid("Patient", patient_id))
    plan = current_plan(session, patient_id=patient_id)
    planned = {
        item["id"]
        for item in ([] if plan is None else plan.plan.get("items", []))
        if item.get("kind") == "referral"
    }
    out = [
        referral_request(row, events, subject=subject, planned=planned)
        for row, events in history(session, patient_id=patient_id)
    ]
    reads = reversed(list_appointments(session, patient_id=patient_id))
    out += [appointment_resource(read, patient_id=patient_id, subject=subject) for read in reads]
    return out


def referral_request(
    row: Referral, events: list[ReferralEvent], *, subject: Resource, planned: set[str]
) -> Resource:
    """One referral as a ServiceRequest whose status follows the workflow."""
    rid = partial(resource_id, row.patient_id)
    status = ReferralStatus(row.status)
    words = row.profession.replace("_", " ")
    based_on = []
    if row.plan_item_id in planned:
        based_on.append(ref(rid("ServiceRequest", row.plan_item_id)))
    if row.counter_to is not None:
        based_on.append(ref(rid("Referral", row.counter_to)))
    resource: Resource = {
        "resourceType": "ServiceRequest",
        "id": rid("Referral", row.id),
        "extension": [{"url": REFERRAL_STATUS, "valueCode": status.value}],
        "status": REQUEST_STATUS[status],
        "intent": "order" if row.referred_by_profession else "proposal",
        "code": concept(PROFESSION, row.profession, f"Referral to a {words}"),
        "subject": subject,
        "authoredOn": instant(row.created_at),
        "requester": {"display": _who(row.referred_by_name, row.referred_by_profession)},
        "performerType": concept(PROFESSION, row.profession, words),
        "reasonCode": [{"text": row.reason}],
        "note": [{"time": instant(event.at), "text": _step_text(event)} for event in events],
    }
    if based_on:
        resource["basedOn"] = based_on
    if row.to_clinician_name:
        resource["performer"] = [{"display": _who(row.to_clinician_name, row.profession)}]
    return resource


def appointment_resource(read: AppointmentRead, *, patient_id: str, subject: Resource) -> Resource:
    """One appointment: booked with its chosen time, or proposed with the times offered."""
    rid = partial(resource_id, patient_id)
    chosen = next((time for time in read.times if time.chosen), None)
    resource: Resource = {
        "resourceType": "Appointment",
        "id": rid("Appointment", read.id),
        "identifier": [{"system": APPOINTMENT_UID, "value": read.uid}],
        "status": APPOINTMENT_STATUS[read.status],
        "description": _where(read),
        "created": read.created_at.date().isoformat(),
        "participant": [
            {"actor": subject, "status": PERSON_ANSWER[read.status]},
            {"actor": {"display": _who(read.clinician, read.profession)}, "status": "accepted"},
        ],
    }
    if chosen is not None:
        resource["start"] = instant(chosen.starts_at)
        resource["end"] = instant(chosen.ends_at)
        resource["minutesDuration"] = int((chosen.ends_at - chosen.starts_at).total_seconds() // 60)
    else:
        resource["requestedPeriod"] = [
            {"start": instant(time.starts_at), "end": instant(time.ends_at)} for time in read.times
        ]
    if read.referral_id is not None:
        resource["basedOn"] = [ref(rid("Referral", read.referral_id))]
    if read.status in (AppointmentStatus.CANCELLED, AppointmentStatus.DECLINED):
        who = read.cancelled_by or read.answered_by or "the person"
        resource["cancelationReason"] = {
            "text": f"{read.status.value.capitalize()} by {who}"
            + (f": {read.cancel_reason}" if read.cancel_reason else "")
        }
    return resource


def _who(name: str, profession: str | None) -> str:
    return f"{name} ({profession.replace('_', ' ')})" if profession else name


def _where(read: AppointmentRead) -> str:
    if read.mode is Mode.VIDEO:
        return f"By video: {read.video_url}"
    return f"In person at {read.place}"


def _step_text(event: ReferralEvent) -> str:
    text = f"{event.status} by {_who(event.actor_name, event.actor_profession)}"
    return f"{text}: {event.note}" if event.note else text
