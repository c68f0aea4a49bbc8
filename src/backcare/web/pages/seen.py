"""The "I have been seen" page: the person's report, and a clinician's confirmation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.knowledge.loader import Knowledge
from backcare.seen import service
from backcare.seen.schemas import SeenDecision, SeenReportCreate
from backcare.seen.vocabulary import OUTCOME_WORDS, SEEN_BY_WORDS
from backcare.tracking.vocabulary import WARNING_QUESTIONS
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import KnowledgeDep, PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import (
    Form,
    FormDep,
    PlanReader,
    first,
    patient_or_404,
    render,
    see_other,
)
from backcare.web.pages.team_forms import FormRefusedError, attempt
from backcare.web.state import web_state

router = APIRouter()
Reporter = Annotated[Actor, Depends(page_guard(Action.SEEN_REPORT))]
Confirmer = Annotated[Actor, Depends(page_guard(Action.SEEN_CONFIRM))]
NONE_OF_THESE = "none"
ANSWER_EVERY_QUESTION = (
    "warnings: tick every sign you have now, or tick 'None of these' so we know you answered."
)


def _context(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    knowledge: Knowledge,
    *,
    message: str = "",
    values: Form | None = None,
) -> dict[str, Any]:
    return {
        "history": service.history_in_the_way(session, patient_id=patient_id, knowledge=knowledge),
        "has_team": service.has_team(session, patient_id=patient_id),
        "patient": patient_or_404(session, patient_id),
        "nav": "seen",
        "is_person": actor.kind is Kind.PERSON,
        "on_safety_plan": service.on_safety_plan(session, patient_id=patient_id),
        "reports": service.reports_of(session, patient_id=patient_id),
        "seen_by": {key.value: words for key, words in SEEN_BY_WORDS.items()},
        "outcomes": {key.value: words for key, words in OUTCOME_WORDS.items()},
        "warning_questions": [(code.value, text) for code, text in WARNING_QUESTIONS.items()],
        "today": web_state(request).today(),
        "message": message,
        "values": values or {},
    }


@router.get("/patients/{patient_id}/seen")
def seen_page(
    request: Request,
    patient_id: PatientId,
    actor: PlanReader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Tell your care team a doctor has seen you, and what became of it."""
    context = _context(request, session, patient_id, actor, knowledge)
    return render(request, "seen.html", context)


@router.post("/patients/{patient_id}/seen")
def report(
    request: Request,
    patient_id: PatientId,
    actor: Reporter,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Store the report; with no care team the re-triage alone may lift the safety plan."""
    state = web_state(request)
    warnings = [code for code in form.get("warnings", []) if code != NONE_OF_THESE]
    try:
        if not form.get("warnings"):
            raise FormRefusedError(ANSWER_EVERY_QUESTION, 422)
        if warnings and NONE_OF_THESE in form.get("warnings", []):
            raise FormRefusedError(ANSWER_EVERY_QUESTION, 422)
        attempt(
            session,
            lambda: service.report_seen(
                session,
                patient_id=patient_id,
                data=SeenReportCreate.model_validate(
                    {
                        "seen_by": first(form, "seen_by"),
                        "seen_on": first(form, "seen_on"),
                        "outcome": first(form, "outcome"),
                        "warnings": warnings,
                        "history_assessed": first(form, "history_assessed") == "yes",
                    }
                ),
                by=actor,
                source=client_address(request),
                now=state.now(),
                today=state.today(),
                knowledge=knowledge,
            ),
        )
    except FormRefusedError as refused:
        context = _context(
            request, session, patient_id, actor, knowledge, message=refused.message, values=form
        )
        response = render(request, "seen.html", context)
        response.status_code = refused.status
        return response
    return see_other(request, f"/patients/{patient_id}/seen")


@router.post("/patients/{patient_id}/seen/{report_id}/decision")
def decide(
    request: Request,
    patient_id: PatientId,
    report_id: RowNumber,
    actor: Confirmer,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """A clinician in the team confirms or declines, saying why."""
    state = web_state(request)
    try:
        attempt(
            session,
            lambda: service.decide_seen(
                session,
                patient_id=patient_id,
                report_id=report_id,
                data=SeenDecision.model_validate(
                    {
                        "confirm": first(form, "decision") == "confirm",
                        "reason": first(form, "reason"),
                    }
                ),
                by=actor,
                source=client_address(request),
                now=state.now(),
                today=state.today(),
                knowledge=knowledge,
            ),
        )
    except FormRefusedError as refused:
        context = _context(request, session, patient_id, actor, knowledge, message=refused.message)
        response = render(request, "seen.html", context)
        response.status_code = refused.status
        return response
    return see_other(request, f"/patients/{patient_id}/seen")
