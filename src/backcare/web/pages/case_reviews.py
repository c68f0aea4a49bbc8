"""The case-review pages of a meeting: the list, opening one, its agenda, attendees, minutes,
closing and addenda (each person's page is web.pages.case_summary)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor
from backcare.case_review import decisions, meetings, repository
from backcare.case_review.schemas import (
    AddendumCreate,
    AttendeesUpdate,
    MeetingCreate,
    MinutesUpdate,
)
from backcare.case_review.vocabulary import REASON_WORDS
from backcare.plan_edits.service import profession_words
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import (
    KnowledgeDep,
    ReadSessionDep,
    RowNumber,
    SessionDep,
    TodayDep,
)
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.pages.team_forms import FormRefusedError, attempt
from backcare.web.state import web_state

router = APIRouter()
Attendee = Annotated[Actor, Depends(page_guard(Action.CASE_REVIEWS))]
Runner = Annotated[Actor, Depends(page_guard(Action.CASE_REVIEW_RUN))]
AUTHORS = {
    "backcare": "Backcare, from the assessment",
    "weekly-review": "Backcare's weekly review",
    "checkin-review": "Backcare, after a check-in",
    "flare-end": "Backcare, at the end of a flare-up",
}
"""Who made a version no clinician made, in a clinician's words."""
WORDS = {"reasons": REASON_WORDS, "professions": profession_words, "authors": AUTHORS}


def _list(
    request: Request,
    session: Session,
    actor: Actor,
    today: Any,
    message: str = "",
    status: int = 200,
) -> Response:
    assert actor.account_id is not None
    context = {
        "meetings": meetings.list_for(session, actor=actor),
        "clinics": repository.clinics_of(session, actor.account_id),
        "people": repository.caseload_names(session, actor.account_id),
        "today": today,
        "message": message,
        **WORDS,
    }
    response = render(request, "case_reviews.html", context)
    response.status_code = status
    return response


@router.get("/case-reviews")
def meetings_page(
    request: Request, actor: Attendee, session: ReadSessionDep, today: TodayDep
) -> Response:
    """The case reviews you may attend, and a form to open one."""
    return _list(request, session, actor, today)


@router.post("/case-reviews")
def open_meeting(
    request: Request,
    actor: Runner,
    form: FormDep,
    session: SessionDep,
    today: TodayDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Open a meeting of a clinic or of one person's care team."""
    scope = first(form, "scope", "clinic")
    values = {
        "held_on": first(form, "held_on") or None,
        "title": first(form, "title"),
        "clinic": first(form, "clinic") or None if scope == "clinic" else None,
        "patient_id": first(form, "patient_id") or None if scope == "team" else None,
    }
    try:
        made = attempt(
            session,
            lambda: meetings.open_new(
                session,
                data=MeetingCreate.model_validate(values),
                actor=actor,
                today=today,
                source=client_address(request),
                now=web_state(request).now(),
                thresholds=knowledge.thresholds,
            ),
        )
    except FormRefusedError as refused:
        return _list(request, session, actor, today, refused.message, refused.status)
    return see_other(request, f"/case-reviews/{made.id}")


def _meeting(
    request: Request,
    session: Session,
    actor: Actor,
    meeting_id: int,
    knowledge: Any,
    message: str = "",
    status: int = 200,
) -> Response:
    assert actor.account_id is not None
    meeting = meetings.read(
        session, meeting_id=meeting_id, actor=actor, thresholds=knowledge.thresholds
    )
    on_agenda = {entry.patient_id for entry in meeting.agenda}
    people = [
        (pid, name)
        for pid, name in repository.caseload_names(session, actor.account_id)
        if pid not in on_agenda and (meeting.patient_id is None or pid == meeting.patient_id)
    ]
    context = {"meeting": meeting, "people": people, "message": message, **WORDS}
    response = render(request, "case_review.html", context)
    response.status_code = status
    return response


@router.get("/case-reviews/{meeting_id}")
def meeting_page(
    request: Request,
    meeting_id: RowNumber,
    actor: Attendee,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """The meeting: agenda, attendees, minutes, decisions; read-only once closed."""
    return _meeting(request, session, actor, meeting_id, knowledge)


def _meeting_write(
    request: Request,
    session: Session,
    actor: Actor,
    meeting_id: int,
    knowledge: Any,
    work: Callable[[], object],
) -> Response:
    try:
        attempt(session, work)
    except FormRefusedError as refused:
        return _meeting(
            request, session, actor, meeting_id, knowledge, refused.message, refused.status
        )
    return see_other(request, f"/case-reviews/{meeting_id}")


def common(request: Request, actor: Actor) -> dict[str, Any]:
    """The keyword arguments every write of the case review takes from the request."""
    return {"actor": actor, "source": client_address(request), "now": web_state(request).now()}


@router.post("/case-reviews/{meeting_id}/agenda")
def add_person(
    request: Request,
    meeting_id: RowNumber,
    actor: Runner,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Add a person in your care to the agenda (the policy is asked about that person)."""
    patient_id = first(form, "patient_id")

    def work() -> object:
        if not patient_id:
            raise FormRefusedError("patient_id: choose a person to add.", 422)
        return decisions.add_to_agenda(
            session, meeting_id=meeting_id, patient_id=patient_id, **common(request, actor)
        )

    try:
        work_done = attempt(session, work)
    except FormRefusedError as refused:
        return _meeting(
            request, session, actor, meeting_id, knowledge, refused.message, refused.status
        )
    del work_done
    return see_other(request, f"/case-reviews/{meeting_id}")


@router.post("/case-reviews/{meeting_id}/attendees")
def set_attendees(
    request: Request,
    meeting_id: RowNumber,
    actor: Runner,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Who is at the meeting (usernames, separated by commas)."""
    names = [name.strip() for name in first(form, "attendees").split(",") if name.strip()]
    return _meeting_write(
        request,
        session,
        actor,
        meeting_id,
        knowledge,
        lambda: meetings.set_attendees(
            session,
            meeting_id=meeting_id,
            data=AttendeesUpdate.model_validate({"attendees": names}),
            thresholds=knowledge.thresholds,
            **common(request, actor),
        ),
    )


@router.post("/case-reviews/{meeting_id}/minutes")
def set_minutes(
    request: Request,
    meeting_id: RowNumber,
    actor: Runner,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Keep the minutes so far."""
    return _meeting_write(
        request,
        session,
        actor,
        meeting_id,
        knowledge,
        lambda: meetings.set_minutes(
            session,
            meeting_id=meeting_id,
            data=MinutesUpdate.model_validate({"minutes": first(form, "minutes")}),
            thresholds=knowledge.thresholds,
            **common(request, actor),
        ),
    )


@router.post("/case-reviews/{meeting_id}/close")
def close_meeting(
    request: Request,
    meeting_id: RowNumber,
    actor: Runner,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Close the meeting: read-only from now on."""
    return _meeting_write(
        request,
        session,
        actor,
        meeting_id,
        knowledge,
        lambda: meetings.close(
            session,
            meeting_id=meeting_id,
            thresholds=knowledge.thresholds,
            **common(request, actor),
        ),
    )


@router.post("/case-reviews/{meeting_id}/addenda")
def add_addendum(
    request: Request,
    meeting_id: RowNumber,
    actor: Runner,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Amend a closed meeting's minutes."""
    return _meeting_write(
        request,
        session,
        actor,
        meeting_id,
        knowledge,
        lambda: meetings.add_addendum(
            session,
            meeting_id=meeting_id,
            data=AddendumCreate.model_validate({"body": first(form, "body")}),
            thresholds=knowledge.thresholds,
            **common(request, actor),
        ),
    )
