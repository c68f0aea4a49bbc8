"""The plan-edit page's form read into a plan edit: only what the clinician changed.

Each item of the current plan is a small group of fields (dose, minutes, days, remove); a field
left as it was makes no operation. Overrides are a ticked box and a reason per refused rule.
"""

from __future__ import annotations

from typing import Any

from backcare.domain.plan_model import DAYS, Plan, PlanItem
from backcare.web.pages.common import Form, first

OVERRIDE_SEPARATOR = "|"


def override_key(rule: str, item_id: str) -> str:
    """The value of an override's box, and the suffix of its reason field."""
    return f"{rule}{OVERRIDE_SEPARATOR}{item_id}"


def edit_body(form: Form, plan: Plan) -> dict[str, Any]:
    """The JSON body of a plan edit (validated by PlanEditCreate, which names bad fields)."""
    operations: list[dict[str, Any]] = []
    for item in plan.items:
        operations.extend(_item_operations(form, item))
    added = first(form, "add_item").strip()
    if added:
        operations.append({"op": "add", "item_id": added, "days": form.get("add_days", [])})
    custom = _custom(form)
    if custom is not None:
        operations.append(custom)
    return {
        "based_on_version": first(form, "based_on_version") or 0,
        "reason": first(form, "reason"),
        "operations": operations,
        "overrides": _overrides(form),
    }


def _item_operations(form: Form, item: PlanItem) -> list[dict[str, Any]]:
    if form.get(f"remove-{item.id}"):
        return [{"op": "remove", "item_id": item.id}]
    change: dict[str, Any] = {}
    dose = first(form, f"dose-{item.id}", item.dose).strip()
    if dose and dose != item.dose:
        change["dose"] = dose
    minutes = first(form, f"minutes-{item.id}", f"{item.minutes:g}").strip()
    if minutes and minutes != f"{item.minutes:g}":
        change["minutes"] = minutes
    if f"days-shown-{item.id}" in form:
        days = [day for day in DAYS if day in form.get(f"days-{item.id}", [])]
        if tuple(days) != tuple(item.days):
            change["days"] = days
    return [{"op": "change", "item_id": item.id, **change}] if change else []


def _custom(form: Form) -> dict[str, Any] | None:
    title = first(form, "custom_title").strip()
    if not title:
        return None
    steps = [line.strip() for line in first(form, "custom_steps").splitlines() if line.strip()]
    cautions = [
        line.strip() for line in first(form, "custom_cautions").splitlines() if line.strip()
    ]
    return {
        "op": "add_custom",
        "exercise": {
            "kind": first(form, "custom_kind"),
            "title": title,
            "summary": first(form, "custom_summary"),
            "steps": steps,
            "dose": first(form, "custom_dose"),
            "minutes": first(form, "custom_minutes") or 0,
            "contraindications": form.get("custom_contraindications", []),
            "cautions": cautions,
        },
        "days": form.get("custom_days", []),
    }


def _overrides(form: Form) -> list[dict[str, str]]:
    out = []
    for key in form.get("override", []):
        rule, _, item_id = key.partition(OVERRIDE_SEPARATOR)
        out.append(
            {"rule": rule, "item_id": item_id, "reason": first(form, f"override_reason-{key}")}
        )
    return out


def problems_of(errors: list[Any]) -> list[str]:
    """A validation error's entries as sentences naming the field."""
    out = []
    for problem in errors:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        message = str(problem.get("msg", "")).removeprefix("Value error, ")
        out.append(f"{where}: {message}" if where else message)
    return out
