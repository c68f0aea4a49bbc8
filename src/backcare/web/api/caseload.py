"""A clinician's caseload: the people whose care team they are in, alerts first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.team.caseload import PAGE, CaseloadRow, caseload
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import MAX_OFFSET, CaseloadAccess, KnowledgeDep, TodayDep

MAX_CASELOAD_PAGE = 5000

router = APIRouter(prefix=API_V1, tags=["team"])


@router.get("/clinician/caseload", responses=problems(401, 403))
async def my_caseload(
    access: CaseloadAccess,
    knowledge: KnowledgeDep,
    today: TodayDep,
    limit: Annotated[int, Query(ge=1, le=MAX_CASELOAD_PAGE, description="People per page.")] = PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="People to skip.")] = 0,
) -> list[CaseloadRow]:
    """Everyone whose care team you are in, a page at a time: triage level, open alerts, last
    check-in, this week's sessions and pain against last week's. People with open alerts or a
    report of having been seen to confirm come first, then the most urgent triage level."""

    def work(session: Session, actor: Actor) -> list[CaseloadRow]:
        assert actor.account_id is not None
        return caseload(
            session,
            clinician_id=actor.account_id,
            today=today,
            thresholds=knowledge.thresholds,
            limit=limit,
            offset=offset,
        )

    return await access.read_as(work)
