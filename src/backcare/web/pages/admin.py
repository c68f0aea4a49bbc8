"""The admins' pages: accounts (never clinical content) and every recent break-glass."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from backcare.access import trail
from backcare.access.break_glass import recent_openings
from backcare.access.policy import Action, Actor
from backcare.accounts import links
from backcare.accounts.service import disable_account, list_accounts, require_account
from backcare.accounts.vocabulary import LinkPurpose
from backcare.audit.schemas import AuditAction
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import ReadSessionDep, SessionDep
from backcare.web.pages.common import render, see_other
from backcare.web.state import web_state

router = APIRouter()
Admin = Annotated[Actor, Depends(page_guard(Action.MANAGE_ACCOUNTS))]
Username = Annotated[str, Path(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


@router.get("/admin")
def admin_page(request: Request, actor: Admin, session: ReadSessionDep) -> Response:
    """Every account, and every break-glass of the last 30 days."""
    now = web_state(request).now()
    context = {
        "accounts": list_accounts(session),
        "openings": recent_openings(session, now=now),
        "link": None,
        "me": actor,
    }
    return render(request, "admin.html", context)


@router.post("/admin/accounts/{username}/disable")
def disable(request: Request, username: Username, actor: Admin, session: SessionDep) -> Response:
    """Stop an account signing in: its sessions end and its tokens stop working at once."""
    now = web_state(request).now()
    account = disable_account(session, username=username, now=now)
    trail.write(
        session,
        actor=actor,
        action=AuditAction.account_disable,
        patient_id=None,
        source=client_address(request),
        now=now,
        detail=f"account {account.username} disabled",
    )
    return see_other(request, "/admin")


@router.post("/admin/accounts/{username}/reset")
def reset(request: Request, username: Username, actor: Admin, session: SessionDep) -> Response:
    """A one-time link for the account to choose a new password (given to them by hand)."""
    state = web_state(request)
    now = state.now()
    account = require_account(session, username=username)
    secret = links.issue_link(
        session,
        account=account,
        purpose=LinkPurpose.RESET,
        now=now,
        hours=state.settings.sign_in_link_hours,
    )
    trail.write(
        session,
        actor=actor,
        action=AuditAction.auth_password_reset,
        patient_id=None,
        source=client_address(request),
        now=now,
        detail=f"reset link for {account.username}",
    )
    context = {
        "accounts": list_accounts(session),
        "openings": recent_openings(session, now=now),
        "link": {
            "username": account.username,
            "url": links.link_url(str(request.base_url), secret),
        },
        "me": actor,
    }
    return render(request, "admin.html", context)
