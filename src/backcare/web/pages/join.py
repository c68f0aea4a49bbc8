"""The clinician's side of an invitation: enter the code, see what is shared, accept or not."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from backcare.access.policy import Action, Actor
from backcare.team import invites
from backcare.team.schemas import CODE_MAX, InviteAnswer, InviteCode
from backcare.team.vocabulary import SHARE_WORDS
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import ReadSessionDep, SessionDep
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.pages.team_forms import FormRefusedError, attempt
from backcare.web.state import web_state

router = APIRouter()
Redeemer = Annotated[Actor, Depends(page_guard(Action.INVITE_REDEEM))]
SHARE_CHOICES = {share.value: words for share, words in SHARE_WORDS.items()}


def _render(request: Request, status: int = 200, **context: Any) -> Response:
    base: dict[str, Any] = {"code": "", "preview": None, "message": "", "shares": SHARE_CHOICES}
    response = render(request, "join.html", base | context)
    response.status_code = status
    return response


@router.get("/team/join")
def join_page(
    request: Request,
    _actor: Redeemer,
    code: Annotated[str, Query(max_length=CODE_MAX)] = "",
) -> Response:
    """Enter the code a person gave you (a link fills it in)."""
    return _render(request, code=code)


@router.post("/team/join")
def preview(request: Request, _actor: Redeemer, form: FormDep, session: ReadSessionDep) -> Response:
    """Who invites you and what they share, before you answer."""
    code = first(form, "code")[:CODE_MAX]
    now = web_state(request).now()
    try:
        shown = attempt(
            session,
            lambda: invites.preview_invite(
                session, code=InviteCode.model_validate({"code": code}).code, now=now
            ),
        )
    except FormRefusedError as refused:
        return _render(request, refused.status, code=code, message=refused.message)
    return _render(request, code=code, preview=shown)


@router.post("/team/join/answer")
def answer(request: Request, actor: Redeemer, form: FormDep, session: SessionDep) -> Response:
    """Accept (joining the person's care team) or decline; the code is then spent."""
    code = first(form, "code")[:CODE_MAX]
    now = web_state(request).now()
    try:
        answered = attempt(
            session,
            lambda: invites.answer_invite(
                session,
                data=InviteAnswer.model_validate(
                    {"code": code, "accept": first(form, "answer") == "accept"}
                ),
                by=actor,
                source=client_address(request),
                now=now,
            ),
        )
    except FormRefusedError as refused:
        return _render(request, refused.status, code=code, message=refused.message)
    if answered.status.value == "accepted":
        return see_other(request, f"/patients/{answered.patient_id}/team")
    return see_other(request, "/clinician")
