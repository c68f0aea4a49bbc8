"""The intake wizard pages: /start shows a step, each POST checks it and moves on."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from backcare.access import trail
from backcare.access.policy import Action, Actor, Kind
from backcare.access.records import create_record
from backcare.assessments.service import assess_patient
from backcare.audit.schemas import AuditAction
from backcare.domain.plan_model import TriageResult
from backcare.patients.service import update_profile
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
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
from backcare.web.state import web_state
from backcare.web.wizard import STEPS, Answers, Step, next_step, position, step_by_id

router = APIRouter()
Assessor = Annotated[Actor, Depends(page_guard(Action.ASSESS))]


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
def start(request: Request, _actor: Assessor) -> Response:
    """The first step of the intake: warning-sign questions."""
    return _step_page(request, STEPS[0], {})


def _previous(step: Step, answers: Answers) -> Step:
    earlier = [s for s in STEPS[: STEPS.index(step)] if s.applies(answers)]
    return earlier[-1] if earlier else STEPS[0]


@router.post("/start")
def submit_step(
    request: Request, actor: Assessor, form: FormDep, knowledge: KnowledgeDep, session: SessionDep
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
    return _finish(request, actor, outcome.answers, knowledge=knowledge, session=session)


def _resume(request: Request, step: Step, answers: Answers, acknowledged: str) -> Response:
    following = next_step(step, answers) or step
    return _step_page(request, following, answers, acknowledged=acknowledged)


def _finish(
    request: Request,
    actor: Actor,
    answers: Answers,
    *,
    knowledge: KnowledgeDep,
    session: SessionDep,
) -> Response:
    """A person's answers go to their own record; a clinician's make a new one in their care."""
    patient_data, intake = final_records(answers)
    now = web_state(request).now()
    source = client_address(request)
    if actor.kind is Kind.PERSON and actor.patient_id is not None:
        patient_id = update_profile(session, patient_id=actor.patient_id, data=patient_data).id
    else:
        created = create_record(session, data=patient_data, actor=actor, source=source, now=now)
        patient_id = created.id
    assess_patient(session, patient_id=patient_id, intake=intake, knowledge=knowledge)
    trail.write(
        session,
        actor=actor,
        action=AuditAction.record_write,
        patient_id=patient_id,
        source=source,
        now=now,
        detail="assessment",
    )
    return see_other(request, f"/patients/{patient_id}/plan")
