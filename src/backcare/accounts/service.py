"""Account use cases: add, list, disable, set a password, set up TOTP. Never commits."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from backcare.accounts import repository, totp
from backcare.accounts.models import Account
from backcare.accounts.passwords import problem_with
from backcare.accounts.schemas import AccountCreate, AccountRead, normal_username
from backcare.accounts.vocabulary import Role
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient, ensure_patient_exists


def to_read(account: Account) -> AccountRead:
    """The listed form of an account."""
    return AccountRead.model_validate(account).model_copy(
        update={
            "has_password": account.password_hash is not None,
            "has_totp": account.totp_secret is not None,
        }
    )


def create_account(
    session: Session, *, data: AccountCreate, local_owner: bool = False
) -> AccountRead:
    """Add an account; a person gets a new record of their own unless one is named."""
    if repository.account_by_name(session, data.username) is not None:
        raise ConflictError(f"username: an account named {data.username!r} already exists.")
    account = Account(
        username=data.username,
        role=data.role.value,
        profession=data.profession.value if data.profession else None,
        patient_id=_record_for(session, data),
        local_owner=local_owner,
    )
    repository.add(session, account)
    return to_read(account)


def _record_for(session: Session, data: AccountCreate) -> str | None:
    if data.role is not Role.PERSON:
        return None
    if data.patient_id is None:
        name = data.display_name or data.username
        return create_patient(session, data=PatientCreate(display_name=name)).id
    ensure_patient_exists(session, patient_id=data.patient_id)
    if repository.account_of_patient(session, data.patient_id) is not None:
        raise ConflictError("patient_id: that record already belongs to an account.")
    return data.patient_id


def require_account(session: Session, *, username: str) -> Account:
    """The account with this name, or NotFoundError."""
    try:
        name = normal_username(username)
    except ValueError:
        name = ""
    account = repository.account_by_name(session, name) if name else None
    if account is None:
        raise NotFoundError(f"No account is named {username!r}.")
    return account


def list_accounts(session: Session) -> list[AccountRead]:
    """Every account, oldest first."""
    return [to_read(account) for account in repository.accounts(session)]


def disable_account(session: Session, *, username: str, now: datetime) -> AccountRead:
    """Stop an account signing in: its sessions end and its tokens are revoked at once."""
    account = require_account(session, username=username)
    account.disabled = True
    repository.end_sessions(session, account.id)
    repository.revoke_tokens(session, account.id, now)
    session.flush()
    return to_read(account)


def set_password(
    session: Session, *, account: Account, password: str, hasher: PasswordHasher
) -> None:
    """Check a new password against the rules, store its hash, and end every other sign-in."""
    problem = problem_with(password, username=account.username)
    if problem is not None:
        raise InvalidInputError(problem)
    account.password_hash = hasher.hash(password)
    repository.end_sessions(session, account.id)
    session.flush()


def confirm_totp(
    session: Session, *, account: Account, secret: str, code: str, now: datetime
) -> None:
    """Turn on the second factor when ``code`` proves the app holds ``secret``."""
    step = totp.accepted(secret, code, now, None)
    if step is None:
        raise InvalidInputError("code: that code does not match; check the app's clock and retry.")
    account.totp_secret = secret
    account.totp_last_step = step
    session.flush()


def remove_totp(session: Session, *, account: Account) -> None:
    """Turn the second factor off (the settings may then require it again at once)."""
    account.totp_secret = None
    account.totp_last_step = None
    session.flush()
