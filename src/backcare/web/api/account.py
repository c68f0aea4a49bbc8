"""Your own account through the API: who you are, and your API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor
from backcare.accounts import tokens
from backcare.accounts.repository import account_by_id
from backcare.accounts.schemas import TokenCreate, TokenCreated, TokenRead
from backcare.accounts.vocabulary import Profession, Role, Scope
from backcare.audit.schemas import AuditAction
from backcare.errors import ForbiddenError, NotFoundError
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.auth.guard import Access
from backcare.web.deps import AccountChangeAccess, AccountReadAccess

router = APIRouter(prefix=API_V1, tags=["account"])
TokenId = Annotated[str, Path(min_length=1, max_length=16, pattern=r"^[0-9a-f]+$")]


class Me(BaseModel):
    """Who the credential belongs to."""

    model_config = ConfigDict(frozen=True)

    username: str
    role: Role
    profession: Profession | None
    patient_id: str | None
    scopes: list[Scope]


@router.get("/me", responses=problems(401))
async def me(access: AccountReadAccess) -> Me:
    """The account behind this token or session, and what the credential may do."""

    def work(session: Session, actor: Actor) -> Me:
        account = account_by_id(session, actor.account_id or "")
        if account is None:
            raise NotFoundError("No account.")
        return Me(
            username=account.username,
            role=Role(account.role),
            profession=Profession(account.profession) if account.profession else None,
            patient_id=account.patient_id,
            scopes=sorted(actor.scopes),
        )

    return await access.read_as(work)


@router.get("/tokens", responses=problems(401))
async def list_tokens(access: AccountReadAccess) -> list[TokenRead]:
    """Your API tokens, newest first (revoked and expired ones included, never the secret)."""
    return await access.read_as(
        lambda session, actor: tokens.list_tokens(session, account_id=actor.account_id or "")
    )


@router.post("/tokens", status_code=201, responses=problems(401, 403))
async def create_token(data: TokenCreate, access: AccountChangeAccess) -> TokenCreated:
    """A new token for your account; the answer is the only time it is shown."""

    def work(session: Session, actor: Actor) -> TokenCreated:
        if data.scope not in actor.scopes:
            raise ForbiddenError("A token cannot be given more than the credential making it.")
        created = tokens.create_token(
            session, account_id=actor.account_id or "", data=data, now=access.state.now()
        )
        _log(session, access, actor, AuditAction.auth_token_created, created.details.id)
        return created

    return await access.write_as(work)


@router.delete(
    "/tokens/{token_id}", status_code=204, response_class=Response, responses=problems(401, 404)
)
async def revoke_token(token_id: TokenId, access: AccountChangeAccess) -> None:
    """Revoke one of your tokens at once (it can be the one making this call)."""

    def work(session: Session, actor: Actor) -> None:
        now = access.state.now()
        tokens.revoke_token(session, account_id=actor.account_id or "", token_id=token_id, now=now)
        _log(session, access, actor, AuditAction.auth_token_revoked, token_id)

    await access.write_as(work)


def _log(
    session: Session, access: Access, actor: Actor, action: AuditAction, token_id: str
) -> None:
    trail.write(
        session,
        actor=actor,
        action=action,
        patient_id=None,
        source=access.request.source,
        now=access.state.now(),
        detail=f"token {token_id}",
    )
