"""Which intake answers a piece of code reads: an intake that notes every field read through it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ReadNoter:
    """Stands in for an intake (or a nested part of one) and notes each field path read.

    Properties (``late_pregnancy``) run against the noter, so the fields they read are noted.
    ``__dict__`` hands over every answer unnoted: ``rule_facts`` flattens the whole intake for
    the rule language, and the rules' own reads are their declared inputs.
    """

    __slots__ = ("_model", "_prefix", "_seen")

    def __init__(self, model: BaseModel, seen: set[str], prefix: str = "") -> None:
        self._model = model
        self._seen = seen
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        if name == "__dict__":
            return self._model.__dict__
        attribute = getattr(type(self._model), name, None)
        if isinstance(attribute, property) and attribute.fget is not None:
            return attribute.fget(self)
        value = getattr(self._model, name)
        if name not in type(self._model).model_fields:
            return value
        path = self._prefix + name
        if isinstance(value, BaseModel):
            return ReadNoter(value, self._seen, path + ".")
        self._seen.add(path)
        return value


def noting(model: BaseModel) -> tuple[Any, set[str]]:
    """A stand-in for ``model`` and the set it fills with the paths read."""
    seen: set[str] = set()
    return ReadNoter(model, seen), seen
