"""Today: the signed-in person's home, what their plan holds today and what to do next."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backcare.web.deps import KnowledgeDep, PatientId, ReadSessionDep, TodayDep
from backcare.web.pages.common import Reader, patient_or_404, render
from backcare.web.today_view import today_view

router = APIRouter()


@router.get("/patients/{patient_id}/today")
def today_page(
    request: Request,
    patient_id: PatientId,
    _actor: Reader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> Response:
    """Today's items and minutes, the next step, the check-in, this week, and any alert; a
    safety plan's instruction comes first and alone."""
    patient = patient_or_404(session, patient_id)
    view = today_view(session, patient=patient, knowledge=knowledge, today=today)
    return render(request, "today.html", {"patient": patient, "nav": "today", "view": view})
