"""The words accounts are made of: roles, professions and token scopes."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account is for; the policy (backcare.access.policy) says what each may do."""

    PERSON = "person"
    """Someone with back pain; owns exactly one record."""
    CLINICIAN = "clinician"
    """A professional; reaches only records whose person gave them access."""
    ADMIN = "admin"
    """Manages accounts; sees no clinical data except through break-glass."""


class Profession(StrEnum):
    """A clinician's profession, shown beside everything they write."""

    PHYSIOTHERAPIST = "physiotherapist"
    MASSAGE_THERAPIST = "massage_therapist"
    CHIROPRACTOR_OR_OSTEOPATH = "chiropractor_or_osteopath"
    DOCTOR = "doctor"
    NURSE = "nurse"
    PSYCHOLOGIST = "psychologist"


class Scope(StrEnum):
    """What an API token may do: read only, or read and write."""

    READ = "read"
    WRITE = "write"


class LinkPurpose(StrEnum):
    """Why a one-time sign-in link was made."""

    FIRST_SIGN_IN = "first_sign_in"
    RESET = "reset"


def one_of(column: str, values: type[StrEnum]) -> str:
    """A CHECK expression limiting a text column to an enum's values."""
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"
