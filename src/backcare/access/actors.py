"""Who a credential belongs to: a sign-in cookie or an API token, loaded in one statement."""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from backcare.access import repository
from backcare.access.policy import Actor, Kind, RecordFacts
from backcare.accounts import sessions
from backcare.accounts.secrets import digest
from backcare.accounts.vocabulary import Role, Scope
from backcare.settings import Settings

NO_RECORD = ""
"""The patient id asked about when the action names no record: matches no row."""
STAFF = frozenset({Role.CLINICIAN.value, Role.ADMIN.value})


class CredentialKind(StrEnum):
    """Where a credential came from."""

    SESSION = "session"
    TOKEN = "token"


@dataclass(frozen=True, slots=True)
class Credential:
    """A secret presented with a request: a session cookie or an API token."""

    kind: CredentialKind
    secret: str


@dataclass(frozen=True, slots=True)
class Loaded:
    """The actor behind a credential (None when it is unknown, expired or revoked)."""

    actor: Actor | None
    record: RecordFacts | None = None
    token_id: str | None = None
    touch: str | None = None
    """The session to mark as used now (its hash), at most once a minute."""


def load(
    session: Session,
    credential: Credential,
    *,
    patient_id: str | None,
    now: dt.datetime,
    settings: Settings,
) -> Loaded:
    """The actor and their facts about ``patient_id``; reads only (a read transaction will do)."""
    key = digest(credential.secret)
    asked = patient_id or NO_RECORD
    if credential.kind is CredentialKind.TOKEN:
        token = repository.token_facts(session, token_hash=key, patient_id=asked, now=now)
        if token is None or token.revoked_at is not None or now >= token.expires_at:
            return Loaded(None)
        scopes = frozenset({Scope.READ, Scope(token.scope)})
        return _loaded(token, patient_id, settings, scopes=scopes, token_id=token.token_id)
    row = repository.session_facts(session, token_hash=key, patient_id=asked, now=now)
    live = row is not None and sessions.is_live(
        last_seen_at=row.last_seen_at, expires_at=row.expires_at, now=now, settings=settings
    )
    if row is None or not live:
        return Loaded(None)
    loaded = _loaded(row, patient_id, settings, scopes=frozenset(Scope), token_id=None)
    if loaded.actor is not None and sessions.needs_touch(row.last_seen_at, now):
        return Loaded(loaded.actor, loaded.record, None, key)
    return loaded


def _loaded(
    row: repository.SessionFacts | repository.TokenFacts,
    patient_id: str | None,
    settings: Settings,
    *,
    scopes: frozenset[Scope],
    token_id: str | None,
) -> Loaded:
    if row.disabled:
        return Loaded(None)
    missing = settings.require_totp_for_staff and row.role in STAFF and not row.has_totp
    actor = Actor(
        kind=Kind(row.role),
        name=row.username,
        account_id=row.account_id,
        patient_id=row.patient_id,
        scopes=scopes,
        second_factor_missing=missing,
    )
    record = None
    if patient_id is not None:
        record = RecordFacts(
            patient_id=patient_id,
            care_access=bool(row.care),
            whole_record=bool(row.whole),
            plan_and_progress_only=bool(row.plan_only),
            break_glass=bool(row.glass),
        )
    return Loaded(actor, record, token_id)


def operator() -> Actor:
    """The operating-system user running a command (see policy.Kind.OPERATOR)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        name = "unknown"
    return Actor(kind=Kind.OPERATOR, name=name[:100])
