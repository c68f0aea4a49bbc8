"""One-time sign-in links: for the first sign-in and for a password reset.

A link is a random secret in a URL; only its digest is stored. It works once, until it
expires, and a new link for the same account replaces the old one. Using it sets a password
and signs the browser in.
"""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from backcare.accounts import repository
from backcare.accounts.models import Account, SignInLink
from backcare.accounts.secrets import digest, new_secret
from backcare.accounts.service import set_password
from backcare.accounts.vocabulary import LinkPurpose
from backcare.errors import InvalidInputError

LINK_PATH = "/welcome/"
USED_OR_EXPIRED = (
    "link: this sign-in link has already been used or has expired; ask for a new one "
    "(`backcare user reset-password NAME` on the computer running Backcare)."
)


def issue_link(
    session: Session, *, account: Account, purpose: LinkPurpose, now: dt.datetime, hours: int
) -> str:
    """A new link secret for the account (older unused links stop working)."""
    repository.drop_unused_links(session, account.id)
    secret = new_secret()
    row = SignInLink(
        token_hash=digest(secret),
        account_id=account.id,
        purpose=purpose.value,
        created_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    repository.add(session, row)
    return secret


def link_url(base_url: str, secret: str) -> str:
    """The address to open: ``base_url`` is where Backcare is served."""
    return base_url.rstrip("/") + LINK_PATH + secret


def account_for_link(session: Session, *, secret: str, now: dt.datetime) -> Account | None:
    """The account a usable link signs in (None when unknown, used, expired or disabled)."""
    row = repository.link(session, digest(secret))
    if row is None or row.used_at is not None or now >= row.expires_at:
        return None
    account = repository.account_by_id(session, row.account_id)
    if account is None or account.disabled:
        return None
    return account


def use_link(
    session: Session, *, secret: str, password: str, now: dt.datetime, hasher: PasswordHasher
) -> Account:
    """Spend the link: set the new password; the caller starts the session."""
    account = account_for_link(session, secret=secret, now=now)
    if account is None:
        raise InvalidInputError(USED_OR_EXPIRED)
    set_password(session, account=account, password=password, hasher=hasher)
    row = repository.link(session, digest(secret))
    assert row is not None  # found just above, locked by this transaction
    row.used_at = now
    session.flush()
    return account
