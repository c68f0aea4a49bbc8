"""Passwords: argon2id hashes, and the NIST SP 800-63B rules for choosing one.

NIST asks for a minimum length and a check against commonly used passwords, and against
composition rules (no "one digit and one symbol") and forced periodic changes, which push
people to predictable patterns. That is what ``problem_with`` checks, nothing more.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST, RFC_9106_LOW_MEMORY

from backcare.settings import Settings

MIN_LENGTH = 8
MAX_LENGTH = 256
"""Long passphrases are welcome; past this a request is only making argon2 work."""
CONTEXT_WORDS = frozenset({"backcare", "backpain", "back care", "lowbackpain"})


def hasher_for(settings: Settings) -> PasswordHasher:
    """argon2id with RFC 9106's low-memory profile; the cheapest profile only in tests.

    The standard profile costs about 140 ms per hash on a small server, which is the point;
    tests hash hundreds of passwords and would take minutes.
    """
    profile = CHEAPEST if settings.environment == "test" else RFC_9106_LOW_MEMORY
    return PasswordHasher.from_parameters(profile)


def verify(hasher: PasswordHasher, stored: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash (False for a damaged hash, never an error)."""
    try:
        return hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def common_passwords() -> frozenset[str]:
    """The blocklist shipped with Backcare (see the file's header for its source and licence)."""
    text = files("backcare.accounts").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line and not line.startswith("#")
    )


def problem_with(password: str, *, username: str) -> str | None:
    """Why ``password`` cannot be used, as one sentence, or None when it can."""
    if len(password) < MIN_LENGTH:
        return f"password: use at least {MIN_LENGTH} characters (a few words make a good one)."
    if len(password) > MAX_LENGTH:
        return f"password: use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in common_passwords() or lowered in CONTEXT_WORDS:
        return "password: this password is too common and easy to guess; choose another."
    if lowered == username.lower():
        return "password: do not use your account name as your password."
    return None
