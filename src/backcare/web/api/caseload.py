"""A clinician's caseload: the people whose care team they are in, alerts first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.accounts.vocabulary import Profession
from backcare.team.caseload import PAGE, CaseloadFilter, CaseloadRow, caseload, check_filter
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
    profession: Annotated[
        Profession | None,
        Query(description="Only people whose care team includes a clinician of this profession."),
    ] = None,
    clinic: Annotated[
        int | None,
        Query(
            ge=1,
            le=2**53,
            description="Only people whose lead clinician works at this clinic (one of yours; "
            "422 for another).",
        ),
    ] = None,
) -> list[CaseloadRow]:
    """Everyone whose care team you are in, a page at a time: triage level, open alerts, last
    check-in, this week's sessions and pain against last week's. People with open alerts or a
    report of having been seen to confirm come first, then the most urgent triage level.
    The filters narrow it by a profession in the team or by the lead's clinic."""
    narrow = CaseloadFilter(profession=profession, clinic=clinic)

    def work(session: Session, actor: Actor) -> list[CaseloadRow]:
        assert actor.account_id is not None
        check_filter(session, clinician_id=actor.account_id, narrow=narrow)
        return caseload(
            session,
            clinician_id=actor.account_id,
            today=today,
            thresholds=knowledge.thresholds,
            limit=limit,
            offset=offset,
            narrow=narrow,
        )

    return await access.read_as(work)
