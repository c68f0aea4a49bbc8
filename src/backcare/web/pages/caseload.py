"""The clinician's caseload dashboard: everyone whose care team they are in, alerts first."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from backcare.access.policy import Action, Actor
from backcare.accounts.vocabulary import Profession
from backcare.errors import InvalidInputError
from backcare.plan_edits.service import profession_words
from backcare.team.caseload import (
    PAGE,
    CaseloadFilter,
    caseload,
    caseload_size,
    check_filter,
    clinics_of,
)
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
    profession: Annotated[str, Query(max_length=40)] = "",
    clinic: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """Your caseload, a hundred people a page: open alerts first, then by triage level;
    narrowed by a profession in the team or by the lead's clinic (the form sends "" for
    "anyone" and "any clinic")."""
    assert actor.account_id is not None
    narrow = _narrow(profession, clinic)
    check_filter(session, clinician_id=actor.account_id, narrow=narrow)
    rows = caseload(
        session,
        clinician_id=actor.account_id,
        today=today,
        thresholds=knowledge.thresholds,
        offset=offset,
        narrow=narrow,
    )
    total = caseload_size(session, clinician_id=actor.account_id, narrow=narrow)
    kept = {key: value for key, value in narrow.model_dump(mode="json").items() if value}
    context = {
        "rows": rows,
        "today": today,
        "levels": LEVEL_WORDS,
        "total": total,
        "offset": offset,
        "page": PAGE,
        "narrow": narrow,
        "filtered": bool(kept),
        "filter_query": urlencode(kept),
        "professions": [(p.value, profession_words(p.value)) for p in Profession],
        "clinics": clinics_of(session, clinician_id=actor.account_id),
    }
    return render(request, "caseload.html", context)


def _narrow(profession: str, clinic: str) -> CaseloadFilter:
    """The filter the form asked for; InvalidInputError (422) naming a field it cannot read."""
    try:
        return CaseloadFilter(
            profession=Profession(profession) if profession else None,
            clinic=int(clinic) if clinic else None,
        )
    except ValueError:
        field = "clinic" if profession == "" or profession in set(Profession) else "profession"
        raise InvalidInputError(f"{field}: choose one of the listed values.") from None
