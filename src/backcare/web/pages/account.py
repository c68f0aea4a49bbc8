"""Your account: password, second factor, API tokens, and signing out everywhere."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Action, Actor
from backcare.accounts import passwords, sessions, tokens, totp
from backcare.accounts.models import Account
from backcare.accounts.repository import account_by_id
from backcare.accounts.schemas import TokenCreate, TokenCreated
from backcare.accounts.service import confirm_totp, remove_totp, set_password, to_read
from backcare.audit.schemas import AuditAction
from backcare.errors import InvalidInputError, NotAuthenticatedError
from backcare.web.auth.credentials import client_address, set_session_cookie
from backcare.web.auth.guard import page_guard
from backcare.web.deps import ReadSessionDep, SessionDep
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.pages.reminders_view import reminder_context
from backcare.web.state import web_state

router = APIRouter()
Reader = Annotated[Actor, Depends(page_guard(Action.ACCOUNT_READ))]
Changer = Annotated[Actor, Depends(page_guard(Action.ACCOUNT_CHANGE))]
TokenId = Annotated[str, Path(min_length=1, max_length=16, pattern=r"^[0-9a-f]+$")]


def _account(session: Session, actor: Actor) -> Account:
    found = account_by_id(session, actor.account_id or "")
    if found is None:
        raise NotAuthenticatedError("Sign in to continue.")
    return found


def _page(request: Request, session: Session, actor: Actor, **extra: Any) -> Response:
    account = _account(session, actor)
    context = {
        "account": to_read(account),
        "tokens": tokens.list_tokens(session, account_id=account.id),
        "totp_required": web_state(request).settings.require_totp_for_staff
        and actor.second_factor_missing,
        "message": "",
        "created": None,
        **reminder_context(session, actor),
        **extra,
    }
    response = render(request, "account.html", context)
    if context["message"]:
        response.status_code = 422
    return response


@router.get("/account")
def account_page(request: Request, actor: Reader, session: ReadSessionDep) -> Response:
    """Your account at a glance."""
    return _page(request, session, actor)


@router.post("/account/password")
def change_password(
    request: Request, actor: Changer, form: FormDep, session: SessionDep
) -> Response:
    """A new password (the current one first); every other sign-in ends."""
    state = web_state(request)
    account = _account(session, actor)
    current = first(form, "current")
    if account.password_hash is None or not passwords.verify(
        state.passwords, account.password_hash, current
    ):
        return _page(request, session, actor, message="Your current password is not right.")
    try:
        set_password(session, account=account, password=first(form, "new"), hasher=state.passwords)
    except InvalidInputError as problem:
        return _page(request, session, actor, message=str(problem).partition(": ")[2])
    _log(session, request, actor, "password changed")
    secret = sessions.start_session(
        session,
        account_id=account.id,
        now=state.now(),
        settings=state.settings,
        address=client_address(request),
    )
    response = see_other(request, "/account")
    set_session_cookie(request, response, secret)
    return response


@router.get("/account/totp")
def totp_setup(request: Request, actor: Reader) -> Response:
    """A new secret for the authenticator app, stored only once a code proves it."""
    secret = totp.new_secret()
    uri = totp.provisioning_uri(secret, actor.name)
    return render(request, "totp.html", {"secret": secret, "uri": uri, "message": ""})


@router.post("/account/totp")
def totp_confirm(request: Request, actor: Changer, form: FormDep, session: SessionDep) -> Response:
    """Turn the second factor on when the code matches."""
    secret = first(form, "secret")[:64]
    try:
        confirm_totp(
            session,
            account=_account(session, actor),
            secret=secret,
            code=first(form, "code"),
            now=web_state(request).now(),
        )
    except (InvalidInputError, ValueError, TypeError):
        uri = totp.provisioning_uri(secret, actor.name) if secret else ""
        context = {"secret": secret, "uri": uri, "message": "That code does not match; try again."}
        response = render(request, "totp.html", context)
        response.status_code = 422
        return response
    _log(session, request, actor, "second factor turned on")
    return see_other(request, "/account")


@router.post("/account/totp/remove")
def totp_remove(request: Request, actor: Changer, form: FormDep, session: SessionDep) -> Response:
    """Turn the second factor off; a current code is needed to do it."""
    account = _account(session, actor)
    secret = account.totp_secret
    now = web_state(request).now()
    if secret is None or totp.accepted(secret, first(form, "code"), now, None) is None:
        return _page(request, session, actor, message="That code does not match; try again.")
    remove_totp(session, account=account)
    _log(session, request, actor, "second factor turned off")
    return see_other(request, "/account")


@router.post("/account/tokens")
def create_token(request: Request, actor: Changer, form: FormDep, session: SessionDep) -> Response:
    """A new API token, shown once on the page that answers."""
    try:
        data = TokenCreate.model_validate(
            {
                "name": first(form, "name"),
                "scope": first(form, "scope", "read"),
                "days": first(form, "days", "90"),
            }
        )
    except ValidationError as error:
        problem = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        return _page(request, session, actor, message=problem)
    assert actor.account_id is not None
    now = web_state(request).now()
    created: TokenCreated = tokens.create_token(
        session, account_id=actor.account_id, data=data, now=now
    )
    _log(
        session,
        request,
        actor,
        f"token {created.details.id} created",
        AuditAction.auth_token_created,
    )
    return _page(request, session, actor, created=created)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(
    request: Request, token_id: TokenId, actor: Changer, session: SessionDep
) -> Response:
    """Revoke a token at once."""
    assert actor.account_id is not None
    now = web_state(request).now()
    tokens.revoke_token(session, account_id=actor.account_id, token_id=token_id, now=now)
    _log(session, request, actor, f"token {token_id} revoked", AuditAction.auth_token_revoked)
    return see_other(request, "/account")


def _log(
    session: Session,
    request: Request,
    actor: Actor,
    detail: str,
    action: AuditAction = AuditAction.account_update,
) -> None:
    trail.write(
        session,
        actor=actor,
        action=action,
        patient_id=None,
        source=client_address(request),
        now=web_state(request).now(),
        detail=detail,
    )


render_account_page = _page
"""The account page, with a message or a secret shown once: for the reminders' routes too."""
log_account_change = _log
"""An audit line for a change to one's own account."""
