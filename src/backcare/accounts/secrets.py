"""Random secrets for cookies, tokens and links, and the one-way digest stored in their place.

The secrets are 256-bit random values, so a plain SHA-256 of each is enough to store: nothing
can be guessed or brute-forced from the digest, unlike a password, which needs argon2.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SECRET_BYTES = 32
TOKEN_PREFIX = "bc_"
"""Marks Backcare API tokens, so secret scanners and people can recognise a leaked one."""


def new_secret() -> str:
    """A fresh URL-safe random secret."""
    return secrets.token_urlsafe(SECRET_BYTES)


def new_api_token() -> str:
    """A fresh API token, with its recognisable prefix."""
    return TOKEN_PREFIX + new_secret()


def digest(secret: str) -> str:
    """What is stored for ``secret``: its SHA-256 in hexadecimal."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Compare two secrets in constant time."""
    return hmac.compare_digest(a.encode(), b.encode())


def short_id() -> str:
    """A public id for listing and revoking a token (not a secret)."""
    return secrets.token_hex(8)
