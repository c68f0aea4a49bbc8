"""The intake wizard pages: /start shows a step, each POST checks it and moves on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backcare.assessments.service import assess_patient
from backcare.domain.plan_model import TriageResult
from backcare.patients.service import create_patient
from backcare.web.deps import KnowledgeDep, SessionDep
from backcare.web.forms import field_view
from backcare.web.intake_flow import (
    answered,
    apply_step,
    dump_answers,
    final_records,
    load_answers,
    must_stop,
    provisional_triage,
)
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.wizard import STEPS, Answers, Step, next_step, position, step_by_id

router = APIRouter()


def _step_page(
    request: Request,
    step: Step,
    answers: Answers,
    *,
    acknowledged: str = "",
    errors: dict[str, str] | None = None,
) -> Response:
    errors = errors or {}
    number, total = position(step, answers)
    fields = [
        field_view(
            q, answered(answers, q.name), error=errors.get(q.name), preselect=not step.warning
        )
        for q in step.questions(answers)
    ]
    context: dict[str, Any] = {
        "step": step,
        "fields": fields,
        "number": number,
        "total": total,
        "last": next_step(step, answers) is None,
        "answers_json": dump_answers(answers),
        "acknowledged": acknowledged,
        "errors": errors,
    }
    return render(request, "intake_step.html", context)


def _stop_page(request: Request, triage: TriageResult, step: Step, answers: Answers) -> Response:
    context = {
        "triage": triage,
        "step_id": step.id,
        "continue_answers": dump_answers(answers),
    }
    return render(request, "instruction.html", context)


@router.get("/start")
def start(request: Request) -> Response:
    """The first step of the intake: warning-sign questions."""
    return _step_page(request, STEPS[0], {})


def _previous(step: Step, answers: Answers) -> Step:
    earlier = [s for s in STEPS[: STEPS.index(step)] if s.applies(answers)]
    return earlier[-1] if earlier else STEPS[0]


@router.post("/start")
def submit_step(
    request: Request, form: FormDep, knowledge: KnowledgeDep, session: SessionDep
) -> Response:
    """Check the step just answered; stop at a warning sign; else the next step or the plan."""
    answers = load_answers(first(form, "answers"))
    acknowledged = first(form, "acknowledged")
    step = step_by_id(first(form, "step")) or STEPS[0]
    go = first(form, "go", "next")
    if go == "back":
        return _step_page(request, _previous(step, answers), answers, acknowledged=acknowledged)
    if go == "resume":
        return _resume(request, step, answers, acknowledged)
    outcome = apply_step(step, form, answers)
    if outcome.errors:
        return _step_page(
            request, step, outcome.answers, acknowledged=acknowledged, errors=outcome.errors
        )
    triage = provisional_triage(outcome.answers, knowledge)
    if triage is not None and must_stop(triage, acknowledged):
        return _stop_page(request, triage, step, outcome.answers)
    following = next_step(step, outcome.answers)
    if following is not None:
        return _step_page(request, following, outcome.answers, acknowledged=acknowledged)
    return _finish(request, outcome.answers, knowledge=knowledge, session=session)


def _resume(request: Request, step: Step, answers: Answers, acknowledged: str) -> Response:
    following = next_step(step, answers) or step
    return _step_page(request, following, answers, acknowledged=acknowledged)


def _finish(
    request: Request, answers: Answers, *, knowledge: KnowledgeDep, session: SessionDep
) -> Response:
    patient_data, intake = final_records(answers)
    patient = create_patient(session, data=patient_data)
    assess_patient(session, patient_id=patient.id, intake=intake, knowledge=knowledge)
    return see_other(request, f"/patients/{patient.id}/plan")
