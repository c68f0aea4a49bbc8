"""Alerts as Flags: what needs a person's attention, open (active) or resolved (inactive)."""

from __future__ import annotations

import json
from typing import Any

from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.codes import ALERT_DETAIL_EXTENSION, ALERT_KIND, concept
from backcare.interop.fhir.ids import problem
from backcare.interop.fhir.parts import moment, required
from backcare.tracking.schemas import AlertCreate, AlertRead

ALERT_TEXT = {
    "red_flag": "A warning sign needs a doctor",
    "pain_worsening": "Pain is getting worse",
    "no_improvement": "No important improvement after weeks of the programme",
    "clinician_review": "A clinician is asked to review the plan",
    "severe_pain": "Severe pain on several days",
}


def flag_resource(alert: AlertRead, *, rid: str, subject: dict[str, Any]) -> dict[str, Any]:
    """One alert."""
    period = {"start": instant(alert.created_at)}
    if alert.resolved_at is not None:
        period["end"] = instant(alert.resolved_at)
    kind = alert.kind.value
    return {
        "resourceType": "Flag",
        "id": rid,
        "extension": [
            {"url": ALERT_DETAIL_EXTENSION, "valueString": json.dumps(alert.detail, sort_keys=True)}
        ],
        "status": "inactive" if alert.resolved else "active",
        "code": concept(ALERT_KIND, kind, ALERT_TEXT[kind]),
        "subject": subject,
        "period": period,
    }


def read_flag(resource: dict[str, Any], where: str) -> tuple[AlertCreate, dict[str, Any]]:
    """The alert a Flag holds, and when it was raised and resolved."""
    codes = [c for c in resource["code"].get("coding", []) if c.get("system") == ALERT_KIND]
    if not codes:
        raise problem(where, "code", f"needs a code from {ALERT_KIND}.")
    detail: dict[str, Any] = {}
    for extension in resource.get("extension", []):
        if extension.get("url") == ALERT_DETAIL_EXTENSION:
            try:
                detail = json.loads(extension.get("valueString", ""))
            except ValueError as exc:
                raise problem(where, "extension[alert-detail]", "is not JSON.") from exc
    period = required(resource, "period", where)
    when = {
        "created_at": moment(period, "start", f"{where}.period"),
        "resolved_at": moment(period, "end", f"{where}.period"),
        "resolved": resource["status"] == "inactive",
    }
    return AlertCreate.model_validate({"kind": codes[0].get("code"), "detail": detail}), when
