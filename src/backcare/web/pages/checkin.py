"""The daily check-in and the weekly questionnaires (PEG and PSFS)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.errors import InvalidInputError
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import todays_pain
from backcare.tracking.vocabulary import WARNING_QUESTIONS
from backcare.web.checkins import checkin_outcome
from backcare.web.deps import KnowledgeDep, PatientId, ReadSessionDep, SessionDep, TodayDep
from backcare.web.idempotency import once_page
from backcare.web.pages.common import Form, FormDep, Reader, Writer, first, patient_or_404, render
from backcare.web.queries import require_plan
from backcare.web.state import web_state

router = APIRouter()


def _checkin_context(patient: Any, today: Any, **extra: Any) -> dict[str, Any]:
    return {
        "patient": patient,
        "nav": "checkin",
        "today": today,
        "warning_questions": list(WARNING_QUESTIONS.items()),
        "values": {},
        "errors": {},
        **extra,
    }


@router.get("/patients/{patient_id}/checkin")
def checkin_page(
    request: Request,
    patient_id: PatientId,
    _actor: Reader,
    session: ReadSessionDep,
    today: TodayDep,
) -> Response:
    """Today's check-in: pain, sessions, and the warning questions (and, when the person has
    checked in today already, that sending again updates it)."""
    patient = patient_or_404(session, patient_id)
    earlier = todays_pain(session, patient_id=patient_id, today=today)
    return render(request, "checkin.html", _checkin_context(patient, today, todays_pain=earlier))


def _checkin_data(form: Form) -> dict[str, Any]:
    return {
        "date": first(form, "date"),
        "pain_now": first(form, "pain_now") or None,
        "sessions_done": first(form, "sessions_done", "0") or "0",
        "minutes": first(form, "minutes", "0") or "0",
        "flare_up": bool(form.get("flare_up")),
        "warnings": form.get("warnings", []),
        "notes": first(form, "notes"),
    }


def _errors(error: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        name = str(problem["loc"][0]) if problem["loc"] else "form"
        out.setdefault(name, str(problem["msg"]).removeprefix("Value error, ") + ".")
    return out


@router.post("/patients/{patient_id}/checkin")
@once_page("checkin-form")
def submit_checkin(
    request: Request,
    patient_id: PatientId,
    _actor: Writer,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> Response:
    """Store the check-in and review it at once; a new warning sign can stop the plan."""
    patient = patient_or_404(session, patient_id)
    values = _checkin_data(form)
    try:
        data = CheckInCreate.model_validate(values)
    except ValidationError as error:
        context = _checkin_context(patient, today, values=values, errors=_errors(error))
        return render(request, "checkin.html", context)
    try:
        outcome = checkin_outcome(
            session,
            patient_id=patient_id,
            data=data,
            knowledge=knowledge,
            today=today,
            now=web_state(request).now(),
        )
    except InvalidInputError as error:
        # The service refuses a day after today or before the record began; nothing was stored.
        field, _, message = str(error).partition(": ")
        context = _checkin_context(patient, today, values=values, errors={field: message})
        return render(request, "checkin.html", context)
    report = outcome.review
    base = {"patient": patient, "nav": "checkin", "outcome": outcome, "report": report}
    if report is not None and report.level in SAFETY_ONLY and report.changed:
        plan = require_plan(session, patient_id=patient_id).as_plan()
        context = {**base, "triage": plan.triage, "safety_items": plan.items}
        return render(request, "instruction.html", context)
    return render(request, "checkin_done.html", base)
