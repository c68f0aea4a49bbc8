"""Plan versions as CarePlans (one activity per plan item), the pain Goal, referrals as
ServiceRequests."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import ValidationError

from backcare.assessments.schemas import AssessmentRead, PlanVersionCreate, PlanVersionRead
from backcare.domain.progress import ImportantChange
from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.codes import (
    CATALOG,
    LOINC,
    PAIN_SEVERITY,
    PLAN_VERSION_EXTENSION,
    REFERRAL_TARGET,
    concept,
    quantity,
)
from backcare.interop.fhir.ids import first_error, problem
from backcare.interop.fhir.observations import PAIN_DISPLAY

REFERRAL = "referral"
SUGGESTED = "Suggested by Backcare's rules; the person or their clinician arranges it."


def plan_meta(version: PlanVersionRead) -> str:
    """The plan version as Backcare stores it, as compact JSON for the CarePlan's extension."""
    return version.model_dump_json(
        include={"version", "plan", "created_by", "reason"}
        | {"reviewed_on", "flare_until", "resumes_version"},
    )


def care_plan(version: PlanVersionRead, *, current: bool, refs: dict[str, Any]) -> dict[str, Any]:
    """One plan version; ``refs`` holds its id and the references it points to."""
    items = version.plan["items"]
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": refs["id"],
        "extension": [{"url": PLAN_VERSION_EXTENSION, "valueString": plan_meta(version)}],
        "status": "active" if current else "revoked",
        "intent": "plan",
        "title": f"Backcare plan, version {version.version}",
        "description": version.reason,
        "subject": refs["subject"],
        "created": instant(version.created_at),
        "author": {"display": version.created_by},
        "activity": [_activity(item, current, refs) for item in items],
    }
    for key in ("replaces", "supportingInfo", "addresses", "goal"):
        if refs.get(key):
            resource[key] = refs[key]
    return resource


def _activity(item: dict[str, Any], current: bool, refs: dict[str, Any]) -> dict[str, Any]:
    if current and item["kind"] == REFERRAL:
        return {"reference": refs["referrals"][item["id"]]}
    detail: dict[str, Any] = {
        "code": concept(CATALOG, item["id"], item["title"]),
        "status": "in-progress" if current else "stopped",
        "description": item["why"],
        "scheduledString": item["schedule"],
    }
    if item["kind"] == REFERRAL:
        detail = {"kind": "ServiceRequest", **detail}
    return {"detail": detail}


def referrals(version: PlanVersionRead) -> list[dict[str, Any]]:
    """The referral items of a plan."""
    return [item for item in version.plan["items"] if item["kind"] == REFERRAL]


def service_request(
    item: dict[str, Any],
    version: PlanVersionRead,
    *,
    rid: str,
    subject: dict[str, Any],
    based_on: dict[str, Any],
) -> dict[str, Any]:
    """A referral of the current plan as a proposed ServiceRequest."""
    target = item.get("target") or item["id"]
    system = REFERRAL_TARGET if item.get("target") else CATALOG
    return {
        "resourceType": "ServiceRequest",
        "id": rid,
        "basedOn": [based_on],
        "status": "active",
        "intent": "proposal",
        "code": concept(system, target, item["title"]),
        "subject": subject,
        "authoredOn": instant(version.created_at),
        "reasonCode": [{"text": item["why"]}],
        "patientInstruction": item["schedule"],
        "note": [{"text": SUGGESTED}],
    }


def pain_goal(
    first: AssessmentRead, *, rid: str, subject: dict[str, Any], change: ImportantChange
) -> dict[str, Any] | None:
    """The goal every plan works towards: an important fall in pain (2 points or 30%)."""
    baseline = float(first.intake.get("pain_now", 0))
    if baseline <= 0:
        return None
    target = round(max(baseline - change.points, baseline * (1 - change.share)), 1)
    text = (
        f"Pain down by at least {change.points:g} points or {change.share:.0%} from "
        f"{baseline:g} at the first assessment (to {target:g} or less): the smallest change "
        "people notice."
    )
    return {
        "resourceType": "Goal",
        "id": rid,
        "lifecycleStatus": "active",
        "description": {"text": text},
        "subject": subject,
        "startDate": first.created_at.astimezone(dt.UTC).date().isoformat(),
        "target": [
            {
                "measure": concept(LOINC, PAIN_SEVERITY, PAIN_DISPLAY),
                "detailQuantity": {**quantity(target, "{score}"), "comparator": "<="},
            }
        ],
    }


def read_plan_version(resource: dict[str, Any], where: str) -> tuple[int, PlanVersionCreate]:
    """The plan version a CarePlan carries in Backcare's extension, checked against its
    activities."""
    meta = _meta(resource, where)
    try:
        data = PlanVersionCreate.model_validate({k: v for k, v in meta.items() if k != "version"})
    except ValidationError as exc:
        raise problem(
            where, "extension[plan-version]", f"is not a Backcare plan ({first_error(exc)})."
        ) from exc
    activities = resource.get("activity", [])
    if len(activities) != len(data.plan.items):
        raise problem(
            where,
            "activity",
            f"has {len(activities)} activities but its plan has {len(data.plan.items)} items.",
        )
    ids = {item.id for item in data.plan.items}
    for number, activity in enumerate(activities):
        code = activity.get("detail", {}).get("code", {}).get("coding", [{}])[0].get("code")
        if "detail" in activity and code not in ids:
            raise problem(where, f"activity[{number}].detail.code", f"{code!r} is not in its plan.")
    return _version(meta, where), data


def _meta(resource: dict[str, Any], where: str) -> dict[str, Any]:
    for extension in resource.get("extension", []):
        if extension.get("url") == PLAN_VERSION_EXTENSION:
            try:
                found = json.loads(extension.get("valueString", ""))
            except ValueError as exc:
                raise problem(where, "extension[plan-version]", "is not JSON.") from exc
            if isinstance(found, dict):
                return found
    raise problem(
        where,
        "extension",
        f"has no {PLAN_VERSION_EXTENSION}: Backcare imports plans it made itself; the plan "
        "is otherwise built again from the answers.",
    )


def _version(meta: dict[str, Any], where: str) -> int:
    number = meta.get("version")
    if not isinstance(number, int) or number < 1:
        raise problem(where, "extension[plan-version].version", "must be a whole number from 1.")
    return number
