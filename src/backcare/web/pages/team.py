"""The person's care team page: who is in it and what each sees, inviting, revoking, the lead."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.team import invites, members
from backcare.team.schemas import InviteCreate, InviteCreated
from backcare.team.vocabulary import SHARE_WORDS
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import FormDep, first, patient_or_404, render
from backcare.web.pages.team_forms import FormRefusedError, form_post, submit
from backcare.web.state import web_state

router = APIRouter()
TeamReader = Annotated[Actor, Depends(page_guard(Action.TEAM_READ))]
TeamManager = Annotated[Actor, Depends(page_guard(Action.TEAM_MANAGE))]
LeadHandover = Annotated[Actor, Depends(page_guard(Action.LEAD_HANDOVER))]
Clinician = Annotated[str, Path(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
SHARE_CHOICES = {share.value: words for share, words in SHARE_WORDS.items()}
CARE_WORDS = "Your record, to read and add to for your care (no exports)"


def team_context(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    *,
    message: str = "",
    created: InviteCreated | None = None,
) -> dict[str, Any]:
    """Everything the team page shows."""
    now = web_state(request).now()
    return {
        "patient": patient_or_404(session, patient_id),
        "nav": "team",
        "team": members.team_of(session, patient_id=patient_id, now=now),
        "me": actor,
        "is_person": actor.kind is Kind.PERSON,
        "share_words": SHARE_CHOICES | {"care": CARE_WORDS},
        "share_choices": SHARE_CHOICES,
        "message": message,
        "created": created,
    }


def _page(
    request: Request, session: Session, patient_id: str, actor: Actor, refused: FormRefusedError
) -> Response:
    context = team_context(request, session, patient_id, actor, message=refused.message)
    response = render(request, "team.html", context)
    response.status_code = refused.status
    return response


@router.get("/patients/{patient_id}/team")
def team_page(
    request: Request, patient_id: PatientId, actor: TeamReader, session: ReadSessionDep
) -> Response:
    """Your care team: who is in it, what each may see, since when, and who leads."""
    return render(request, "team.html", team_context(request, session, patient_id, actor))


@router.post("/patients/{patient_id}/team/invites")
def invite(
    request: Request, patient_id: PatientId, actor: TeamManager, form: FormDep, session: SessionDep
) -> Response:
    """Make an invitation; its code is shown on the page this once."""
    try:
        created = submit(
            request,
            session,
            actor,
            invites.create_invite,
            lambda: {
                "patient_id": patient_id,
                "data": InviteCreate.model_validate({"share": first(form, "share")}),
            },
        )
    except FormRefusedError as refused:
        if refused.status == 422:
            refused = FormRefusedError("share: choose what you share with the clinician.", 422)
        return _page(request, session, patient_id, actor, refused)
    context = team_context(request, session, patient_id, actor, created=created)
    return render(request, "team.html", context)


@router.post("/patients/{patient_id}/team/invites/{invite_id}/withdraw")
def withdraw(
    request: Request,
    patient_id: PatientId,
    invite_id: RowNumber,
    actor: TeamManager,
    session: SessionDep,
) -> Response:
    """Take back an invitation nobody has answered."""
    arguments = {"patient_id": patient_id, "invite_id": invite_id}
    return _post(request, session, patient_id, actor, invites.withdraw_invite, lambda: arguments)


@router.post("/patients/{patient_id}/team/members/{clinician}/revoke")
def revoke(
    request: Request,
    patient_id: PatientId,
    clinician: Clinician,
    actor: TeamManager,
    session: SessionDep,
) -> Response:
    """End a clinician's access now."""
    arguments = {"patient_id": patient_id, "clinician": clinician}
    return _post(request, session, patient_id, actor, members.remove_member, lambda: arguments)


@router.post("/patients/{patient_id}/team/handovers")
def offer_lead(
    request: Request, patient_id: PatientId, actor: LeadHandover, form: FormDep, session: SessionDep
) -> Response:
    """Offer the lead to another clinician in the team."""
    arguments = {"patient_id": patient_id, "clinician": first(form, "clinician")[:64]}
    return _post(request, session, patient_id, actor, members.offer_lead, lambda: arguments)


@router.post("/patients/{patient_id}/team/handovers/{handover_id}/answer")
def answer_lead(
    request: Request,
    patient_id: PatientId,
    handover_id: RowNumber,
    actor: LeadHandover,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """The clinician offered the lead accepts or declines."""
    arguments = {
        "patient_id": patient_id,
        "handover_id": handover_id,
        "accept": first(form, "answer") == "accept",
    }
    return _post(request, session, patient_id, actor, members.answer_lead, lambda: arguments)


def _post(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    use_case: Callable[..., object],
    arguments: Callable[[], Mapping[str, Any]],
) -> Response:
    """A team form's use case for ``actor``, then back to the team page (or it with why not)."""
    return form_post(
        request,
        session,
        actor,
        use_case,
        arguments,
        done=f"/patients/{patient_id}/team",
        refused=partial(_page, request, session, patient_id, actor),
    )
