"""A clinician's caseload: the people whose care team they are in, alerts first."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.team.caseload import CaseloadRow, caseload
from backcare.web.api.responses import problems
from backcare.web.deps import CaseloadAccess, KnowledgeDep, TodayDep

router = APIRouter(tags=["team"])


@router.get("/clinician/caseload", responses=problems(401, 403))
async def my_caseload(
    access: CaseloadAccess, knowledge: KnowledgeDep, today: TodayDep
) -> list[CaseloadRow]:
    """Everyone whose care team you are in: triage level, open alerts, last check-in, this
    week's sessions and pain against last week's. Open alerts come first."""

    def work(session: Session, actor: Actor) -> list[CaseloadRow]:
        assert actor.account_id is not None
        return caseload(
            session, clinician_id=actor.account_id, today=today, thresholds=knowledge.thresholds
        )

    return await access.read_as(work)
