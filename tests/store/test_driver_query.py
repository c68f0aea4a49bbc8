"""The credential lookup on the driver's cursor reads exactly what SQLAlchemy's execution reads."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from backcare.access import repository
from backcare.access.models import BreakGlass
from backcare.accounts.schemas import AccountCreate, TokenCreate
from backcare.accounts.secrets import digest
from backcare.accounts.service import create_account
from backcare.accounts.tokens import create_token
from backcare.accounts.vocabulary import Role, Scope
from backcare.patients.schemas import PatientRead
from backcare.store.db import read_only, unit_of_work

NOW = dt.datetime(2026, 11, 28, 12, 0, 0, 123456, tzinfo=dt.UTC)


def _admin_token(engine: Engine, patient: PatientRead, glass_ends: dt.datetime) -> str:
    """An admin's token; the admin broke the glass on ``patient`` until ``glass_ends``."""
    with unit_of_work(engine) as session:
        admin = create_account(session, data=AccountCreate(username="root", role=Role.ADMIN))
        made = create_token(
            session, account_id=admin.id, data=TokenCreate(name="t", scope=Scope.READ), now=NOW
        )
        session.add(
            BreakGlass(
                admin_id=admin.id,
                patient_id=patient.id,
                reason="urgent alert",
                started_at=NOW - dt.timedelta(minutes=5),
                expires_at=glass_ends,
            )
        )
    return made.token


@pytest.mark.parametrize(
    ("glass_ends", "glass"),
    [
        (NOW + dt.timedelta(microseconds=1), True),  # the bound "now" compares to the µs
        (NOW, False),
        (NOW - dt.timedelta(hours=1), False),
    ],
)
def test_token_lookup_matches_sqlalchemys_own_execution(
    engine: Engine, patient: PatientRead, glass_ends: dt.datetime, glass: bool
) -> None:
    token = _admin_token(engine, patient, glass_ends)
    params = {"token_hash": digest(token), "patient_id": patient.id, "now": NOW}
    with read_only(engine) as session:
        fast = repository.token_facts(session, **params)
        expected = session.execute(repository._token_query(), params).one()
    assert fast is not None
    assert tuple(fast) == tuple(expected)
    assert fast.glass is glass
    assert fast.expires_at.tzinfo is not None
    assert fast.revoked_at is None
    assert isinstance(fast.disabled, bool)


def test_an_unknown_credential_finds_nothing(engine: Engine, patient: PatientRead) -> None:
    _admin_token(engine, patient, NOW)
    with read_only(engine) as session:
        params = {"token_hash": digest("not a token"), "patient_id": patient.id, "now": NOW}
        assert repository.token_facts(session, **params) is None
        assert repository.session_facts(session, **params) is None
