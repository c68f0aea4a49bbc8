"""Accounts for web tests: made through the services, signed in through the real pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.access import grants
from backcare.access.actors import operator
from backcare.accounts.passwords import hasher_for
from backcare.accounts.repository import account_by_name
from backcare.accounts.schemas import AccountCreate, TokenCreate
from backcare.accounts.service import create_account, set_password
from backcare.accounts.sessions import csrf_token_for
from backcare.accounts.tokens import create_token
from backcare.accounts.vocabulary import Profession, Role, Scope
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.types import utcnow
from backcare.web.auth.credentials import COOKIE

PASSWORD = "correct horse battery staple"
TEST_SETTINGS = Settings(database_url="sqlite://", environment="test")


@dataclass(frozen=True, slots=True)
class Made:
    """An account made for a test: its name, and a person's record."""

    username: str
    patient_id: str | None = None


def make_account(
    engine: Engine,
    username: str,
    role: Role,
    *,
    profession: Profession | None = None,
    patient_id: str | None = None,
    display_name: str | None = None,
    password: str | None = PASSWORD,
) -> Made:
    """An account with a password (a person gets a record unless ``patient_id`` names one)."""
    if role is Role.CLINICIAN and profession is None:
        profession = Profession.PHYSIOTHERAPIST
    data = AccountCreate(
        username=username,
        role=role,
        profession=profession,
        patient_id=patient_id,
        display_name=display_name,
    )
    with unit_of_work(engine) as session:
        made = create_account(session, data=data)
        if password is not None:
            account = account_by_name(session, made.username)
            assert account is not None
            set_password(
                session, account=account, password=password, hasher=hasher_for(TEST_SETTINGS)
            )
    return Made(made.username, made.patient_id)


def grant(
    engine: Engine,
    clinician: str,
    patient_id: str,
    *,
    whole_record: bool = False,
    plan_and_progress_only: bool = False,
) -> None:
    """Give a clinician care access to a record (as the command line would); ``whole_record``:
    the person consented to the whole record, exports included; ``plan_and_progress_only``:
    to their plan and progress and nothing else."""
    with unit_of_work(engine) as session:
        grants.grant(
            session,
            clinician=clinician,
            patient_id=patient_id,
            by=operator(),
            source="test",
            now=utcnow(),
            whole_record=whole_record,
            plan_and_progress_only=plan_and_progress_only,
        )


def token_for(engine: Engine, username: str, scope: Scope = Scope.WRITE) -> str:
    """A fresh API token of the account."""
    with unit_of_work(engine) as session:
        account = account_by_name(session, username)
        assert account is not None
        data = TokenCreate(name="test", scope=scope)
        return create_token(session, account_id=account.id, data=data, now=utcnow()).token


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    """Sign the client in through the sign-in page, and send the CSRF token as a browser would."""
    response = client.post(
        "/signin",
        data={"username": username, "password": password, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    secret = client.cookies.get(COOKIE)
    assert secret
    client.headers["X-CSRF-Token"] = csrf_token_for(secret)
    return client


def client_as(app: FastAPI, username: str) -> TestClient:
    """A new client of ``app`` signed in as ``username``."""
    return sign_in(TestClient(app), username)


def bearer(token: str) -> dict[str, str]:
    """The header that sends an API token."""
    return {"Authorization": f"Bearer {token}"}


class Clock:
    """A clock the test moves by hand (aware UTC datetimes)."""

    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.current += dt.timedelta(**delta)
