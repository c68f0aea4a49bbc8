"""A person's one-page case-review summary with the decisions form, and the person's own page
of the decisions addressed to them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.case_review import decisions
from backcare.case_review.schemas import DecisionCreate
from backcare.case_review.summary import summary
from backcare.case_review.vocabulary import PERSON_OWNER
from backcare.plan_edits.service import profession_words
from backcare.web.auth.guard import page_guard
from backcare.web.case_review_charts import adherence_chart, pain_chart
from backcare.web.deps import (
    KnowledgeDep,
    PatientId,
    ReadSessionDep,
    RowNumber,
    SessionDep,
    TodayDep,
)
from backcare.web.pages.case_reviews import WORDS, common
from backcare.web.pages.common import FormDep, first, patient_or_404, render, see_other
from backcare.web.pages.team_forms import FormRefusedError, attempt

router = APIRouter()
SummaryReader = Annotated[Actor, Depends(page_guard(Action.CASE_SUMMARY))]
Decider = Annotated[Actor, Depends(page_guard(Action.CASE_DECIDE))]
DecisionsReader = Annotated[Actor, Depends(page_guard(Action.CASE_DECISIONS))]


def _summary(
    request: Request,
    session: Session,
    actor: Actor,
    meeting_id: int,
    patient_id: str,
    knowledge: Any,
    today: Any,
    message: str = "",
    status: int = 200,
    values: dict[str, str] | None = None,
) -> Response:
    found = summary(
        session,
        meeting_id=meeting_id,
        patient_id=patient_id,
        actor=actor,
        knowledge=knowledge,
        today=today,
    )
    charts = (
        (
            ("Average pain each week", pain_chart(found.progress)),
            ("Exercise sessions done each week", adherence_chart(found.progress)),
        )
        if found.progress is not None and found.progress.weeks
        else ()
    )
    context = {
        "s": found.read,
        "charts": charts,
        "message": message,
        "values": values or {},
        "person_owner": PERSON_OWNER,
        **WORDS,
    }
    response = render(request, "case_summary.html", context)
    response.status_code = status
    return response


@router.get("/case-reviews/{meeting_id}/people/{patient_id}")
def summary_page(
    request: Request,
    meeting_id: RowNumber,
    patient_id: PatientId,
    actor: SummaryReader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> Response:
    """One person's page for the meeting, with the form to record a decision."""
    return _summary(request, session, actor, meeting_id, patient_id, knowledge, today)


@router.post("/case-reviews/{meeting_id}/people/{patient_id}/decisions")
def record_decision(
    request: Request,
    meeting_id: RowNumber,
    patient_id: PatientId,
    actor: Decider,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> Response:
    """Record a decision: what, who carries it out, by when."""
    values = {key: first(form, key) for key in ("text", "owner", "due_on")}
    try:
        attempt(
            session,
            lambda: decisions.decide(
                session,
                meeting_id=meeting_id,
                patient_id=patient_id,
                data=DecisionCreate.model_validate({**values, "due_on": values["due_on"] or None}),
                **common(request, actor),
            ),
        )
    except FormRefusedError as refused:
        return _summary(
            request,
            session,
            actor,
            meeting_id,
            patient_id,
            knowledge,
            today,
            refused.message,
            refused.status,
            values,
        )
    return see_other(request, f"/case-reviews/{meeting_id}/people/{patient_id}#decisions")


@router.get("/patients/{patient_id}/case-decisions")
def decisions_page(
    request: Request, patient_id: PatientId, actor: DecisionsReader, session: ReadSessionDep
) -> Response:
    """The case-review decisions addressed to the person."""
    context = {
        "patient": patient_or_404(session, patient_id),
        "nav": "decisions",
        "decisions": decisions.addressed_to_person(session, patient_id=patient_id),
        "is_person": actor.kind is Kind.PERSON,
        "professions": profession_words,
    }
    return render(request, "case_decisions.html", context)
