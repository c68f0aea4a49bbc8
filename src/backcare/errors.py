"""Expected failures, as domain exceptions without HTTP codes; each edge maps them once."""

from __future__ import annotations


class BackcareError(Exception):
    """An expected failure whose message is one sentence fit to show the person."""


class NotFoundError(BackcareError):
    """The thing asked for does not exist (or is not this caller's to see)."""


class InvalidInputError(BackcareError):
    """Input that passed its schema but cannot be used, with the field named in the message."""


class DatabaseVersionError(BackcareError):
    """The database schema is not one this version of Backcare knows (made by a newer one)."""


class ConflictError(BackcareError):
    """The request is well formed but clashes with what is stored (e.g. an item not planned)."""


class NotAuthenticatedError(BackcareError):
    """Nobody is signed in (or the sign-in ended): pages go to the sign-in page, the API is 401."""


class ForbiddenError(BackcareError):
    """The actor can see the thing but may not do this to it (a 403)."""
