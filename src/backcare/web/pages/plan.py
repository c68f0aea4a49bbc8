"""The plan page: this week at a glance and every item explained; safety-only plans instruct."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from backcare.access.policy import Kind
from backcare.assessments import service as assessments
from backcare.plan_edits import service as plan_edits
from backcare.web.deps import KnowledgeDep, PatientId, PicturesDep, ReadSessionDep, TodayDep
from backcare.web.pages.common import PlanReader, patient_or_404, render
from backcare.web.plan_view import plan_view

router = APIRouter()


@router.get("/patients/{patient_id}/plan")
def plan_page(
    request: Request,
    patient_id: PatientId,
    actor: PlanReader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    pictures: PicturesDep,
    today: TodayDep,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> Response:
    """The current plan, or an earlier version; an emergency or urgent plan is an instruction."""
    patient = patient_or_404(session, patient_id)
    if version is None:
        current = assessments.current_plan(session, patient_id=patient_id)
    else:
        current = assessments.get_plan_version(session, patient_id=patient_id, version=version)
    base = {"patient": patient, "nav": "plan", "version": current}
    if current is None:
        return render(request, "no_plan.html", base)
    view = plan_view(current.as_plan(), knowledge, today, pictures)
    if view.safety_only:
        context = {
            **base,
            "triage": view.plan.triage,
            "safety_items": view.plan.items,
            "from_plan_page": True,
            "may_edit": actor.kind is Kind.CLINICIAN,
        }
        return render(request, "instruction.html", context)
    overridden = plan_edits.overrides_since_assessment(session, patient_id=patient_id)
    context = {
        **base,
        "view": view,
        "references": knowledge.references,
        "overridden": overridden,
        "profession_words": plan_edits.profession_words,
        "may_edit": actor.kind is Kind.CLINICIAN,
    }
    return render(request, "plan.html", context)
