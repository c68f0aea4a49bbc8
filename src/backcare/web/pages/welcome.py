"""The one-time sign-in link: choose a password, and be signed in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from backcare.access import trail
from backcare.accounts import links, sessions
from backcare.audit.schemas import AuditAction
from backcare.errors import InvalidInputError
from backcare.web.auth.credentials import client_address, set_session_cookie
from backcare.web.deps import PublicAccess, ReadSessionDep, SessionDep
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.pages.signin import actor_of
from backcare.web.state import web_state

router = APIRouter()
LinkSecret = Annotated[str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
GONE = 410


def _gone(request: Request) -> Response:
    response = render(request, "welcome.html", {"account": None, "message": links.USED_OR_EXPIRED})
    response.status_code = GONE
    return response


@router.get("/welcome/{secret}")
def welcome_page(
    request: Request, secret: LinkSecret, _public: PublicAccess, session: ReadSessionDep
) -> Response:
    """Choose a password; the link is spent only when the form is sent."""
    account = links.account_for_link(session, secret=secret, now=web_state(request).now())
    if account is None:
        return _gone(request)
    context = {"account": account, "secret": secret, "message": ""}
    return render(request, "welcome.html", context)


@router.post("/welcome/{secret}")
def use_link(
    request: Request, secret: LinkSecret, _public: PublicAccess, form: FormDep, session: SessionDep
) -> Response:
    """Set the password, spend the link, and sign this browser in."""
    state = web_state(request)
    now = state.now()
    account = links.account_for_link(session, secret=secret, now=now)
    if account is None:
        return _gone(request)
    password = first(form, "password")
    message = ""
    if password != first(form, "confirm"):
        message = "password: the two passwords are not the same; type them again."
    else:
        try:
            links.use_link(
                session, secret=secret, password=password, now=now, hasher=state.passwords
            )
        except InvalidInputError as problem:
            message = str(problem)
    if message:
        context = {"account": account, "secret": secret, "message": message.partition(": ")[2]}
        response = render(request, "welcome.html", context)
        response.status_code = 422
        return response
    address = client_address(request)
    cookie = sessions.start_session(
        session, account_id=account.id, now=now, settings=state.settings, address=address
    )
    trail.write(
        session,
        actor=actor_of(account),
        action=AuditAction.auth_sign_in_link,
        patient_id=None,
        source=address,
        now=now,
        detail="one-time link used; password set",
    )
    response = see_other(request, "/")
    set_session_cookie(request, response, cookie)
    return response
