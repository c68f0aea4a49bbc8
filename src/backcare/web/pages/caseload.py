"""The clinician's caseload dashboard: everyone whose care team they are in, alerts first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from backcare.access.policy import Action, Actor
from backcare.team.caseload import PAGE, caseload, caseload_size
from backcare.web.auth.guard import page_guard
from backcare.web.deps import MAX_OFFSET, KnowledgeDep, ReadSessionDep, TodayDep
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
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    """Your caseload, a hundred people a page: open alerts first, then by triage level."""
    assert actor.account_id is not None
    rows = caseload(
        session,
        clinician_id=actor.account_id,
        today=today,
        thresholds=knowledge.thresholds,
        offset=offset,
    )
    total = caseload_size(session, clinician_id=actor.account_id)
    context = {
        "rows": rows,
        "today": today,
        "levels": LEVEL_WORDS,
        "total": total,
        "offset": offset,
        "page": PAGE,
    }
    return render(request, "caseload.html", context)
