"""Accounts and what signs them in: sessions, API tokens, one-time links, failure counters.

Secrets are never stored: a session, token or link is kept as the SHA-256 of a random value
(backcare.accounts.secrets), and a password as its argon2id hash.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column

from backcare.accounts.vocabulary import LinkPurpose, Profession, Role, Scope, one_of
from backcare.patients.models import PATIENT_ID_LENGTH
from backcare.store.base import Base
from backcare.store.types import UTCDateTime, utcnow

HASH_LENGTH = 64
"""A SHA-256 digest in hexadecimal."""
ACCOUNT_ID_LENGTH = 32
USERNAME_LENGTH = 64


def new_account_id() -> str:
    """A random id (uuid4 hex), not guessable from another account's id."""
    return uuid.uuid4().hex


def account_id_column(*, index: bool = True) -> MappedColumn[str]:
    """A column naming an account; deleting the account deletes the row."""
    return mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("accounts.id", ondelete="CASCADE"), index=index
    )


class Account(Base):
    """Someone who signs in: a person (one record), a clinician (a profession) or an admin."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint(one_of("role", Role), name="role_known"),
        CheckConstraint(
            f"profession IS NULL OR {one_of('profession', Profession)}", name="profession_known"
        ),
        CheckConstraint("(role = 'clinician') = (profession IS NOT NULL)", name="profession_role"),
        CheckConstraint("(role = 'person') = (patient_id IS NOT NULL)", name="record_role"),
    )

    id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), primary_key=True, default=new_account_id
    )
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    profession: Mapped[str | None] = mapped_column(String(40))
    # A person's own record; erasing the record erases the account with it.
    patient_id: Mapped[str | None] = mapped_column(
        String(PATIENT_ID_LENGTH), ForeignKey("patients.id", ondelete="CASCADE"), unique=True
    )
    # None until the first one-time link is used: no password can sign in before that.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last 30-second TOTP step accepted, so one code cannot be used twice.
    totp_last_step: Mapped[int | None]
    disabled: Mapped[bool] = mapped_column(default=False)
    local_owner: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LoginSession(Base):
    """A signed-in browser: the hash of its cookie and its two deadlines."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    account_id: Mapped[str] = account_id_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    address: Mapped[str] = mapped_column(String(64), default="")


class ApiToken(Base):
    """A bearer token for the REST API: scoped, expiring, revocable, listed by its public id."""

    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint(one_of("scope", Scope), name="scope_known"),)

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    account_id: Mapped[str] = account_id_column()
    name: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SignInLink(Base):
    """A one-time sign-in link (first sign-in or password reset): single use, expiring."""

    __tablename__ = "sign_in_links"
    __table_args__ = (CheckConstraint(one_of("purpose", LinkPurpose), name="purpose_known"),)

    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    account_id: Mapped[str] = account_id_column()
    purpose: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginFailures(Base):
    """Failed sign-ins counted per account name and per address, for back-off and lockout.

    Keyed by the name typed, whether or not such an account exists, so an unknown name is
    throttled exactly like a real one and the answers cannot tell them apart.
    """

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_last_failure_at", "last_failure_at"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
