"""Every resource through its fhir.resources model, each distinct element validated once.

A Bundle repeats the same elements thousands of times: the same category, code and subject on
every Observation, the same few components (sessions done 2, flare-up no, a plan item and
its seconds). The models check each element in Python, and validating two years of daily
Observations whole took seconds. pydantic takes an instance of an element's model as it is,
so a resource whose elements are already-validated instances costs only its own checks: each
distinct top-level element is validated once per export or import and then reused. This
gives the same verdict as validating every resource whole, because an element's model
checks only the element. On a failure the resource is validated again whole, so the message
names the field exactly as the plain validation would.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from backcare.interop.fhir.checks import check_codes
from backcare.interop.fhir.ids import problem
from backcare.interop.fhir.models import RESOURCE_MODULES, model_class, model_problem

Resource = dict[str, Any]


class ModelValidator:
    """Validates resources through their models, reusing the elements it has validated."""

    def __init__(self) -> None:
        self._elements: dict[tuple[type[BaseModel], str], BaseModel] = {}
        self._types: dict[tuple[type[BaseModel], str], type[BaseModel] | None] = {}

    def check(self, resource: Resource, where: str) -> None:
        """Refuse a resource of a type Backcare does not read, or one its model or checks reject."""
        kind = resource.get("resourceType")
        if kind not in RESOURCE_MODULES:
            known = ", ".join(RESOURCE_MODULES)
            raise problem(
                where, "resourceType", f"{kind!r} is not a resource Backcare reads ({known})."
            )
        self._validate(model_class(str(kind)), resource, where)
        check_codes(resource, where)

    def _validate(self, model: type[BaseModel], resource: Resource, where: str) -> None:
        try:
            model.model_validate({key: self._element(model, key, v) for key, v in resource.items()})
        except ValidationError:
            # Whole, for the exact message; it is the reference, so its verdict stands.
            try:
                model.model_validate(resource)
            except ValidationError as exc:
                raise model_problem(exc, where) from exc

    def _element(self, model: type[BaseModel], key: str, value: Any) -> Any:
        element = self._type(model, key)
        if element is None:
            return value
        if isinstance(value, list):
            return [self._one(element, item) for item in value]
        return self._one(element, value)

    def _one(self, element: type[BaseModel], value: Any) -> Any:
        if not isinstance(value, dict):
            return value  # left for the resource's own validation to refuse
        # repr is exact for JSON values (1, 1.0 and True differ) and cheap to take.
        key = (element, repr(value))
        found = self._elements.get(key)
        if found is None:
            found = self._elements[key] = element.model_validate(value)
        return found

    def _type(self, model: type[BaseModel], key: str) -> type[BaseModel] | None:
        """The model of a complex element (None for a primitive or unknown key)."""
        if (model, key) not in self._types:
            fields = {field.alias or name: field for name, field in model.model_fields.items()}
            field = fields.get(key)
            self._types[model, key] = None if field is None else _element_model(field.annotation)
        return self._types[model, key]


def _element_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation like ``list[CodeableConceptType] | None``."""
    klass = getattr(annotation, "get_model_klass", None)
    if callable(klass):
        found: type[BaseModel] = klass()
        return found
    for inner in typing.get_args(annotation):
        found_inner = _element_model(inner)
        if found_inner is not None:
            return found_inner
    return None
