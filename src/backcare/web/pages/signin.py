"""Signing in and out, and the emergency advice that needs no sign-in."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Action, Actor, Kind
from backcare.accounts import sessions, signin
from backcare.accounts.models import Account
from backcare.audit.schemas import AuditAction
from backcare.domain.vocabulary import Level
from backcare.web.auth.credentials import clear_session_cookie, client_address, set_session_cookie
from backcare.web.auth.guard import page_guard
from backcare.web.deps import KnowledgeDep, PublicAccess, SessionDep
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.state import web_state

router = APIRouter()
MESSAGES = {
    signin.Outcome.REFUSED: "That name and password do not match an account.",
    signin.Outcome.CODE_NEEDED: "Enter the 6-digit code from your authenticator app.",
}
STATUS = {signin.Outcome.REFUSED: 401, signin.Outcome.CODE_NEEDED: 401, signin.Outcome.WAIT: 429}
NextUrl = Annotated[str, Query(alias="next", max_length=500)]


def safe_next(target: str) -> str:
    """Where to go after signing in: only a path on this site (never another site's address)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def actor_of(account: Account) -> Actor:
    """The policy's actor for an account (for the audit line of a sign-in)."""
    return Actor(kind=Kind(account.role), name=account.username, account_id=account.id)


@router.get("/signin")
def signin_page(request: Request, _public: PublicAccess, next_url: NextUrl = "/") -> Response:
    """The sign-in form, with the way to urgent advice that needs no account."""
    return render(request, "signin.html", {"next": safe_next(next_url), "message": ""})


@router.post("/signin")
def sign_in(
    request: Request, _public: PublicAccess, form: FormDep, session: SessionDep
) -> Response:
    """Check the name and password (and code); start a session, or say why not."""
    state = web_state(request)
    attempt = signin.Attempt(
        username=first(form, "username")[:200],
        password=first(form, "password"),
        code=first(form, "code")[:20],
        address=client_address(request),
    )
    checker = signin.Checker(state.passwords, state.dummy_hash, state.settings)
    now = state.now()
    result = signin.sign_in(session, attempt, checker=checker, now=now)
    _log_attempt(session, result, source=attempt.address, now=now)
    target = safe_next(first(form, "next", "/"))
    if result.outcome is signin.Outcome.SIGNED_IN and result.secret is not None:
        response = see_other(request, target)
        set_session_cookie(request, response, result.secret)
        return response
    wait = f"Too many attempts. Try again in {_minutes(result.wait)}."
    message = MESSAGES.get(result.outcome, wait)
    context = {"next": target, "message": message, "username": attempt.username}
    response = render(request, "signin.html", context)
    response.status_code = STATUS[result.outcome]
    if result.outcome is signin.Outcome.WAIT:
        response.headers["Retry-After"] = str(max(1, int(result.wait.total_seconds())))
    return response


def _minutes(wait: dt.timedelta) -> str:
    seconds = wait.total_seconds()
    return "a minute" if seconds <= 60 else f"{int(seconds // 60) + 1} minutes"


def _log_attempt(session: Session, result: signin.Result, *, source: str, now: dt.datetime) -> None:
    ok = result.outcome is signin.Outcome.SIGNED_IN
    trail.write(
        session,
        actor=actor_of(result.account) if result.account is not None else None,
        action=AuditAction.auth_login if ok else AuditAction.auth_login_failed,
        patient_id=None,
        source=source,
        now=now,
        detail=result.outcome.value,
        allowed=ok,
    )


SignedIn = Annotated[Actor, Depends(page_guard(Action.ACCOUNT_CHANGE))]


@router.post("/signout")
def sign_out(request: Request, actor: SignedIn, session: SessionDep) -> Response:
    """End this browser's session."""
    secret = getattr(request.state, "session_secret", "")
    sessions.end_session(session, secret=secret)
    _log_out(session, request, actor, AuditAction.auth_logout)
    response = see_other(request, "/signin")
    clear_session_cookie(request, response)
    return response


@router.post("/signout-everywhere")
def sign_out_everywhere(request: Request, actor: SignedIn, session: SessionDep) -> Response:
    """End every session of this account, on every device (also this one)."""
    assert actor.account_id is not None
    ended = sessions.end_all_sessions(session, account_id=actor.account_id)
    _log_out(session, request, actor, AuditAction.auth_logout_everywhere, f"{ended} sessions")
    response = see_other(request, "/signin")
    clear_session_cookie(request, response)
    return response


def _log_out(
    session: Session, request: Request, actor: Actor, action: AuditAction, detail: str = ""
) -> None:
    now = web_state(request).now()
    source = client_address(request)
    trail.write(
        session, actor=actor, action=action, patient_id=None, source=source, now=now, detail=detail
    )


@router.get("/urgent-help")
def urgent_help(request: Request, _public: PublicAccess, knowledge: KnowledgeDep) -> Response:
    """The warning signs that need a doctor now or today: open to everyone, always."""
    levels = (Level.emergency, Level.urgent)
    sections = [
        {
            "action": knowledge.levels[level.value],
            "rules": [
                c.rule for c in knowledge.rules if c.rule.level is level and c.rule.escalates
            ],
        }
        for level in levels
    ]
    return render(request, "urgent_help.html", {"sections": sections})
