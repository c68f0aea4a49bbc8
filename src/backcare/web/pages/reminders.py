"""Reminders in the person's calendar: the secret feed, making and stopping it, a one-off file.

``GET /feeds/{token}.ics`` is open to anyone holding the secret (a calendar app cannot sign
in), read-only, and holds no health detail beyond "today's exercises (about N min)"; each
fetch is in the audit log as a read of the record by its owner's feed. A revoked or unknown
secret is 404, the same answer for both.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor
from backcare.accounts.secrets import digest
from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent
from backcare.errors import InvalidInputError, NotFoundError
from backcare.reminders.ics import MEDIA_TYPE
from backcare.reminders.schemas import FeedCreated, ReminderChoice
from backcare.reminders.service import create_feed, download_calendar, feed_calendar, revoke_feed
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PublicAccess, ReadSessionDep, SessionDep
from backcare.web.feed_limits import FetchLimiter
from backcare.web.pages import account
from backcare.web.pages.common import FormDep, see_other
from backcare.web.state import web_state

router = APIRouter()
LOG = logging.getLogger("backcare.audit")
Reader = Annotated[Actor, Depends(page_guard(Action.ACCOUNT_READ))]
Changer = Annotated[Actor, Depends(page_guard(Action.ACCOUNT_CHANGE))]
FeedId = Annotated[str, Path(min_length=1, max_length=16, pattern=r"^[0-9a-f]+$")]
_SECRET = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
NOT_FOUND = "There is no calendar feed at this address (it may have been stopped)."
NO_PLAN = "Only a person's own account has a plan to be reminded of."
TOO_OFTEN = "This calendar feed was asked for too often; try again in a minute."


def _choice(form: dict[str, list[str]]) -> ReminderChoice:
    return ReminderChoice.model_validate(
        {
            "time": (form.get("time") or [""])[0],
            "days": form.get("days", []),
            "time_zone": (form.get("time_zone") or ["UTC"])[0],
        }
    )


def _problem(error: ValidationError) -> str:
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "form"
    words = {"time": "Time", "days": "Days", "time_zone": "Time zone"}.get(field, field)
    if field == "days" and first["type"] == "too_short":
        return f"{words}: choose at least one day."
    return f"{words}: {str(first['msg']).removeprefix('Value error, ')}."


def _account_page(request: Request, session: Session, actor: Actor, **extra: Any) -> Response:
    return account.render_account_page(request, session, actor, **extra)


@router.post("/account/calendar")
def make_feed(request: Request, actor: Changer, form: FormDep, session: SessionDep) -> Response:
    """A new calendar feed: its secret address is shown once on the page that answers."""
    if actor.patient_id is None or actor.account_id is None:
        return _account_page(request, session, actor, message=NO_PLAN)
    try:
        choice = _choice(form)
        now = web_state(request).now()
        created: FeedCreated = create_feed(
            session, account_id=actor.account_id, choice=choice, now=now
        )
    except ValidationError as error:
        return _account_page(request, session, actor, message=_problem(error))
    except InvalidInputError as error:
        return _account_page(request, session, actor, message=str(error).partition(": ")[2])
    url = f"{str(request.base_url).rstrip('/')}/feeds/{created.token}.ics"
    _log(session, request, actor, f"calendar feed {created.details.id} made")
    return _account_page(request, session, actor, feed_created=created, feed_url=url)


@router.post("/account/calendar/{feed_id}/revoke")
def stop_feed(request: Request, feed_id: FeedId, actor: Changer, session: SessionDep) -> Response:
    """Stop a calendar feed at once."""
    if actor.account_id is None:
        raise NotFoundError(NOT_FOUND)
    revoke_feed(session, account_id=actor.account_id, feed_id=feed_id, now=web_state(request).now())
    _log(session, request, actor, f"calendar feed {feed_id} stopped")
    return see_other(request, "/account")


@router.post("/account/calendar.ics")
def download(request: Request, actor: Reader, form: FormDep, session: ReadSessionDep) -> Response:
    """The same reminders as a one-off file to import (it does not follow later plan changes).

    A POST from the account page's form, so the choices and its CSRF token stay out of URLs.
    """
    if actor.patient_id is None:
        return _account_page(request, session, actor, message=NO_PLAN)
    try:
        choice = _choice(form)
    except ValidationError as error:
        return _account_page(request, session, actor, message=_problem(error))
    now = web_state(request).now()
    body = download_calendar(session, patient_id=actor.patient_id, choice=choice, now=now)
    _audit(
        request,
        AuditActor(actor_id=actor.account_id, role="person"),
        actor.patient_id,
        "calendar file downloaded",
    )
    return _calendar(body, attachment=True)


@router.get("/feeds/{token}.ics")
def feed(request: Request, token: str, _public: PublicAccess, session: ReadSessionDep) -> Response:
    """A person's reminders, for their calendar app to subscribe to."""
    if not _SECRET.fullmatch(token):
        raise NotFoundError(NOT_FOUND)
    limiter: FetchLimiter = request.app.state.feed_limiter
    if not limiter.allow(digest(token)):
        return Response(TOO_OFTEN, status_code=429, headers={"retry-after": "60"})
    answer = feed_calendar(session, token=token, now=web_state(request).now())
    if answer is None:
        raise NotFoundError(NOT_FOUND)
    owner = AuditActor(actor_id=answer.account_id, role="person")
    _audit(request, owner, answer.patient_id, f"calendar feed {answer.feed_id} fetched")
    return _calendar(answer.body, attachment=False)


def _calendar(body: bytes, *, attachment: bool) -> Response:
    disposition = "attachment" if attachment else "inline"
    headers = {
        "content-disposition": f'{disposition}; filename="backcare-reminders.ics"',
        "x-robots-tag": "noindex",
    }
    return Response(body, media_type=MEDIA_TYPE, headers=headers)


def _audit(request: Request, actor: AuditActor, patient_id: str, detail: str) -> None:
    event = AuditEvent(
        actor=actor,
        action=AuditAction.record_read,
        patient_id=patient_id,
        source=client_address(request),
        detail=detail,
    )
    state = web_state(request)
    try:
        state.audit.write_now(event, state.now())
    except Exception:  # any failure: as SAFETY.md H-92, a reminder is never withheld for it
        LOG.exception("audit line not written: %s", event.model_dump_json())


def _log(session: Session, request: Request, actor: Actor, detail: str) -> None:
    account.log_account_change(session, request, actor, detail)
