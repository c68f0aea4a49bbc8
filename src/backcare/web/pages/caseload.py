"""The clinician's caseload dashboard: everyone whose care team they are in, alerts first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from backcare.access.policy import Action, Actor
from backcare.team.caseload import caseload
from backcare.web.auth.guard import page_guard
from backcare.web.deps import KnowledgeDep, ReadSessionDep, TodayDep
from backcare.web.pages.common import render

router = APIRouter()
CaseloadReader = Annotated[Actor, Depends(page_guard(Action.CASELOAD))]
LEVEL_WORDS = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "soon": "Doctor soon",
    "self_care": "Self-care",
}


@router.get("/clinician")
def caseload_page(
    request: Request,
    actor: CaseloadReader,
    session: ReadSessionDep,
    today: TodayDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Your caseload: open alerts first, then by triage level."""
    assert actor.account_id is not None
    rows = caseload(
        session, clinician_id=actor.account_id, today=today, thresholds=knowledge.thresholds
    )
    context = {"rows": rows, "today": today, "levels": LEVEL_WORDS}
    return render(request, "caseload.html", context)
