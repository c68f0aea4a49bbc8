"""Time-based one-time passwords (RFC 6238) through pyotp: set up, check, refuse a replay."""

from __future__ import annotations

import datetime as dt

import pyotp

ISSUER = "Backcare"
STEP_SECONDS = 30
VALID_WINDOW = 1
"""One step either side: a phone clock a little off still works."""


def new_secret() -> str:
    """A fresh base32 TOTP secret."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    """The otpauth:// URI an authenticator app reads (typed in, or as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The time step ``code`` belongs to (within the window), or None when it is wrong."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // STEP_SECONDS
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        candidate = step + offset
        if pyotp.utils.strings_equal(totp.at(candidate * STEP_SECONDS), code):
            return candidate
    return None


def accepted(secret: str, code: str, now: dt.datetime, last_step: int | None) -> int | None:
    """The step to remember when ``code`` is right and not a replay of an accepted one."""
    step = matching_step(secret, code, now)
    if step is None or (last_step is not None and step <= last_step):
        return None
    return step


def code_at(secret: str, when: dt.datetime) -> str:
    """The code an authenticator shows at ``when`` (for tests and the set-up check)."""
    return pyotp.TOTP(secret).at(when)
