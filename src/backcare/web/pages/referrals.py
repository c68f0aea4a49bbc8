"""The referrals page: the person's referrals with each step, making one, taking the next step,
and a counter-referral back; and the open referrals shown on the team page (htmx)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.accounts.vocabulary import Profession
from backcare.assessments import repository as plans
from backcare.errors import ConflictError, ForbiddenError, InvalidInputError
from backcare.plan_edits.service import profession_words
from backcare.referrals import service
from backcare.referrals.schemas import CounterCreate, ReferralCreate, StepTaken
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import FormDep, first, patient_or_404, render, see_other
from backcare.web.plan_edit_form import problems_of
from backcare.web.state import web_state

router = APIRouter()
ReferralReader = Annotated[Actor, Depends(page_guard(Action.REFERRAL_READ))]
ReferralMaker = Annotated[Actor, Depends(page_guard(Action.REFERRAL_CREATE))]
ReferralUpdater = Annotated[Actor, Depends(page_guard(Action.REFERRAL_UPDATE))]
STEP_WORDS = {
    "accept": "Accept",
    "decline": "Decline",
    "book": "Mark as booked",
    "see": "Mark as seen",
    "close": "Close",
}


def _plan_referrals(session: Session, patient_id: str) -> list[dict[str, Any]]:
    plan = plans.current_plan(session, patient_id)
    items = [] if plan is None else plan.plan.get("items", [])
    return [item for item in items if item.get("kind") == "referral"]


def _page(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    *,
    status: int = 200,
    **extra: Any,
) -> Response:
    context = {
        "patient": patient_or_404(session, patient_id),
        "nav": "referrals",
        "referrals": service.list_referrals(session, patient_id=patient_id, actor=actor),
        "plan_items": _plan_referrals(session, patient_id),
        "professions": {p.value: profession_words(p.value) for p in Profession},
        "profession_words": profession_words,
        "step_words": STEP_WORDS,
        "is_person": actor.kind is Kind.PERSON,
        "values": {},
        "problems": [],
        **extra,
    }
    response = render(request, "referrals.html", context)
    response.status_code = status
    return response


@router.get("/patients/{patient_id}/referrals")
def referrals_page(
    request: Request, patient_id: PatientId, actor: ReferralReader, session: ReadSessionDep
) -> Response:
    """Every referral with its history and the steps the reader may take."""
    return _page(request, session, patient_id, actor)


@router.get("/patients/{patient_id}/referrals/open")
def open_referrals(
    request: Request, patient_id: PatientId, actor: ReferralReader, session: ReadSessionDep
) -> Response:
    """The referrals still in progress, as a fragment of the team page."""
    context = {
        "patient": patient_or_404(session, patient_id),
        "referrals": service.open_referrals(session, patient_id=patient_id, actor=actor),
        "profession_words": profession_words,
    }
    return render(request, "referrals_open.html", context)


def _attempt(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    model: type[BaseModel],
    values: dict[str, Any],
    run: Callable[[Any], object],
) -> Response:
    """Validate, run, and go back to the referrals; a problem re-renders the page saying why."""
    try:
        data = model.model_validate(values)
    except ValidationError as error:
        problems = problems_of(list(error.errors(include_url=False)))
        return _page(
            request, session, patient_id, actor, status=422, values=values, problems=problems
        )
    try:
        run(data)
    except (ConflictError, InvalidInputError, ForbiddenError) as error:
        status = {ConflictError: 409, InvalidInputError: 422, ForbiddenError: 403}[type(error)]
        return _page(request, session, patient_id, actor, status=status, problems=[str(error)])
    return see_other(request, f"/patients/{patient_id}/referrals")


def _given(form: dict[str, list[str]], name: str) -> str | None:
    return first(form, name).strip() or None


@router.post("/patients/{patient_id}/referrals")
def create_referral(
    request: Request,
    patient_id: PatientId,
    actor: ReferralMaker,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """A new referral, from a plan item or to a profession."""
    values = {
        name: _given(form, name)
        for name in ("plan_item_id", "profession", "to_clinician", "clinic", "reason")
    }
    now, source = web_state(request).now(), client_address(request)

    def run(data: ReferralCreate) -> None:
        service.create_referral(
            session, patient_id=patient_id, data=data, actor=actor, source=source, now=now
        )

    return _attempt(request, session, patient_id, actor, ReferralCreate, values, run)


@router.post("/patients/{patient_id}/referrals/{referral_id}/steps")
def take_step(
    request: Request,
    patient_id: PatientId,
    referral_id: RowNumber,
    actor: ReferralUpdater,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Accept, decline, book, mark seen or close."""
    values = {"step": first(form, "step"), "note": _given(form, "note")}
    now, source = web_state(request).now(), client_address(request)

    def run(data: StepTaken) -> None:
        service.take_step(
            session,
            patient_id=patient_id,
            referral_id=referral_id,
            data=data,
            actor=actor,
            source=source,
            now=now,
        )

    return _attempt(request, session, patient_id, actor, StepTaken, values, run)


@router.post("/patients/{patient_id}/referrals/{referral_id}/counter")
def counter_refer(
    request: Request,
    patient_id: PatientId,
    referral_id: RowNumber,
    actor: ReferralUpdater,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Refer back to the referring clinician."""
    values = {"reason": first(form, "reason")}
    now, source = web_state(request).now(), client_address(request)

    def run(data: CounterCreate) -> None:
        service.counter_refer(
            session,
            patient_id=patient_id,
            referral_id=referral_id,
            data=data,
            actor=actor,
            source=source,
            now=now,
        )

    return _attempt(request, session, patient_id, actor, CounterCreate, values, run)
