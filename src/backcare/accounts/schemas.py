"""What goes into and comes out of the accounts package."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from backcare.accounts.vocabulary import Profession, Role, Scope
from backcare.domain.text import Line

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MAX_TOKEN_DAYS = 366


def normal_username(value: str) -> str:
    """An account name as stored: trimmed and lower case; ValueError when not allowed."""
    value = value.strip().lower()
    if not USERNAME.fullmatch(value):
        raise ValueError(
            "use 2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return value


Username = Annotated[
    str,
    Field(
        min_length=2,
        max_length=64,
        description="Letters, digits, '.', '_' or '-', starting with a letter or digit.",
    ),
    AfterValidator(normal_username),
]
"""An account name, checked in the type itself (so it holds no control character either)."""


class AccountCreate(BaseModel):
    """A new account; a person's record is made for them unless ``patient_id`` names one."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    username: Username
    role: Role
    profession: Profession | None = None
    patient_id: Line | None = Field(
        default=None, max_length=64, description="A person's existing record."
    )
    display_name: Line | None = Field(
        default=None, min_length=1, max_length=200, description="A new record's name."
    )

    @model_validator(mode="after")
    def _fits_role(self) -> Self:
        if (self.role is Role.CLINICIAN) != (self.profession is not None):
            raise ValueError("profession: a clinician has a profession, and only a clinician")
        if self.role is not Role.PERSON and (self.patient_id or self.display_name):
            raise ValueError("patient_id: only a person's account is linked to a record")
        return self


class AccountRead(BaseModel):
    """An account as listed (never its password hash or second-factor secret)."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: str
    username: str
    role: Role
    profession: Profession | None
    patient_id: str | None
    disabled: bool
    local_owner: bool
    created_at: datetime
    has_password: bool = False
    has_totp: bool = False


class TokenCreate(BaseModel):
    """A new API token: a name to recognise it by, what it may do, and how long it lasts."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Line = Field(min_length=1, max_length=100, description="What the token is for.")
    scope: Scope = Scope.READ
    days: int = Field(default=90, ge=1, le=MAX_TOKEN_DAYS, description="Days until it expires.")


class TokenRead(BaseModel):
    """An API token as listed: its public id, never the token itself."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: str
    name: str
    scope: Scope
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class TokenCreated(BaseModel):
    """A token just made: the only time the token itself is shown."""

    model_config = ConfigDict(frozen=True)

    token: str = Field(description="Send as 'Authorization: Bearer TOKEN'. Shown only once.")
    details: TokenRead
