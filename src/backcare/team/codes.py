"""Invitation codes: random, easy to read out or type, and stored only as their hash."""

from __future__ import annotations

import secrets

from backcare.accounts.secrets import digest

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""32 letters and digits without the look-alikes (I, O, 0, 1): 5 bits a character."""
GROUPS = 4
GROUP_LENGTH = 5
"""20 characters: 100 random bits, far beyond guessing within a week."""


def new_code() -> str:
    """A fresh code such as ``K7PQ3-MZXT2-WA9HD-NB4RS``."""
    chars = [secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH)]
    groups = ("".join(chars[i : i + GROUP_LENGTH]) for i in range(0, len(chars), GROUP_LENGTH))
    return "-".join(groups)


def normalised(code: str) -> str:
    """The code as stored before hashing: capitals, no spaces or dashes (typed either way)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    """What is stored for a code."""
    return digest(normalised(code))
