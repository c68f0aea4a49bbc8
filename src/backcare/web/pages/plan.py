"""The plan page: this week at a glance and every item explained; safety-only plans instruct.

The printable plan (``/plan/print``) and its PDF (``/plan.pdf``) are reads of the same plan,
under the same policy as the page (web.plan_print): whoever may read the plan on screen may
print it, and each is written to the audit log under its own route name.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Kind
from backcare.assessments import service as assessments
from backcare.assessments.schemas import PlanVersionRead
from backcare.errors import NotFoundError
from backcare.plan_edits import service as plan_edits
from backcare.web.deps import KnowledgeDep, PatientId, PicturesDep, ReadSessionDep, TodayDep
from backcare.web.pages.common import PlanReader, patient_or_404, render
from backcare.web.plan_print import plan_pdf, print_context, print_view
from backcare.web.plan_view import plan_view

router = APIRouter()
VersionQuery = Annotated[int | None, Query(ge=1, le=1_000_000)]


@router.get("/patients/{patient_id}/plan")
def plan_page(
    request: Request,
    patient_id: PatientId,
    actor: PlanReader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    pictures: PicturesDep,
    today: TodayDep,
    version: VersionQuery = None,
) -> Response:
    """The current plan, or an earlier version; an emergency or urgent plan is an instruction."""
    patient = patient_or_404(session, patient_id)
    current = _version(session, patient_id, version)
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


@router.get("/patients/{patient_id}/plan/print")
def plan_print_page(
    request: Request,
    patient_id: PatientId,
    _actor: PlanReader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
    version: VersionQuery = None,
) -> Response:
    """The whole plan laid open for paper: steps, pictures, cautions and sources."""
    patient = patient_or_404(session, patient_id)
    current = _version(session, patient_id, version)
    if current is None:
        return render(request, "no_plan.html", {"patient": patient, "nav": "plan"})
    view = print_view(current, name=patient.display_name, knowledge=knowledge, today=today)
    return render(request, "plan_print.html", print_context(view, inline_css=False))


@router.get("/patients/{patient_id}/plan.pdf")
def plan_pdf_download(
    patient_id: PatientId,
    _actor: PlanReader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
    version: VersionQuery = None,
) -> Response:
    """The printable plan as a PDF (A4), the same template as the printable page."""
    patient = patient_or_404(session, patient_id)
    current = _version(session, patient_id, version)
    if current is None:
        raise NotFoundError(f"{patient.display_name} has no plan yet, so there is none to print.")
    view = print_view(current, name=patient.display_name, knowledge=knowledge, today=today)
    filename = f"backcare-plan-{patient_id[:8]}-v{current.version}.pdf"
    return Response(
        plan_pdf(view),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _version(session: Session, patient_id: str, version: int | None) -> PlanVersionRead | None:
    if version is None:
        return assessments.current_plan(session, patient_id=patient_id)
    return assessments.get_plan_version(session, patient_id=patient_id, version=version)
