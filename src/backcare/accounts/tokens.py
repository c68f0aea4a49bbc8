"""API tokens: made (shown once), listed, revoked; only their digest is stored."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.accounts import repository
from backcare.accounts.models import ApiToken
from backcare.accounts.schemas import TokenCreate, TokenCreated, TokenRead
from backcare.accounts.secrets import digest, new_api_token, short_id
from backcare.errors import NotFoundError


def create_token(
    session: Session, *, account_id: str, data: TokenCreate, now: dt.datetime
) -> TokenCreated:
    """A new token for the account; the answer is the only place the token appears."""
    secret = new_api_token()
    row = ApiToken(
        id=short_id(),
        token_hash=digest(secret),
        account_id=account_id,
        name=data.name,
        scope=data.scope.value,
        created_at=now,
        expires_at=now + dt.timedelta(days=data.days),
    )
    repository.add(session, row)
    return TokenCreated(token=secret, details=TokenRead.model_validate(row))


def list_tokens(session: Session, *, account_id: str) -> list[TokenRead]:
    """The account's tokens, newest first, revoked and expired ones included."""
    return [TokenRead.model_validate(row) for row in repository.tokens_of(session, account_id)]


def revoke_token(
    session: Session, *, account_id: str, token_id: str, now: dt.datetime
) -> TokenRead:
    """Revoke one of the account's tokens at once (revoking twice changes nothing)."""
    row = repository.token_of(session, account_id, token_id)
    if row is None:
        raise NotFoundError(f"No token of this account has the id {token_id!r}.")
    if row.revoked_at is None:
        row.revoked_at = now
        session.flush()
    return TokenRead.model_validate(row)
