"""What the care-team pages share: a form's work in a savepoint, its refusal as a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError
from sqlalchemy.orm import Session

from backcare.errors import BackcareError
from backcare.web.errors import status_for

T = TypeVar("T")


class FormRefusedError(Exception):
    """A form's refusal: the sentence to show above the form, and the page's status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def attempt(session: Session, work: Callable[[], T]) -> T:
    """``work`` in a savepoint: on a refusal nothing of it is kept; the error says why."""
    try:
        with session.begin_nested():
            return work()
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "form"
        raise FormRefusedError(f"{field}: {first['msg']}", 422) from error
    except BackcareError as error:
        raise FormRefusedError(str(error), status_for(error)) from error
