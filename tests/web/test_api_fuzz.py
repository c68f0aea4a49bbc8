"""A bounded schemathesis run over the OpenAPI description: no input makes a server error.

Each operation gets 30 generated requests that fit the schema and 30 that break it, 10 and 10
in CI (``EXAMPLES_PER_OPERATION``). (The ``schemathesis.pytest`` fixture loader reads a private
pytest attribute gone in pytest 9, so operations are run from inside one test with plain
hypothesis.)
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Scope
from tests.web.auth_support import grant, token_for

EXAMPLES_PER_OPERATION = int(
    os.environ.get("BACKCARE_FUZZ_EXAMPLES", "10" if os.environ.get("CI") == "true" else "30")
)
"""Generated requests per operation and mode. Every operation is always run; in CI ten of
each (about 25 s of CPU a backend instead of 60 s: a round of one request per operation and
mode costs about 1.7 s), elsewhere thirty, and any number with BACKCARE_FUZZ_EXAMPLES."""


def server_errors(
    operation: APIOperation, mode: GenerationMode, patient_id: str, token: str
) -> list[str]:
    """Run ``operation`` on generated cases, signed in with ``token``; list every server error."""
    found: list[str] = []

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode))
    def run(case: Case) -> None:
        # Generated ids name nobody; a real patient's id reaches the code past the 404
        # (unknown ids have their own tests).
        if case.path_parameters and "patient_id" in case.path_parameters:
            case.path_parameters["patient_id"] = patient_id
        # Signed in as the clinician caring for that patient, so the route runs (not a 401).
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        try:
            case.call_and_validate(checks=[not_a_server_error])
        except AssertionError as failure:
            found.append(f"{operation.label} ({mode.value}): {failure}")

    try:
        run()
    except Unsatisfiable:
        # Nothing to break: an operation without parameters has no invalid input.
        assert mode is GenerationMode.NEGATIVE, operation.label
    return found


@pytest.mark.slow
def test_no_input_causes_a_server_error(
    app: FastAPI, assessed: dict[str, Any], clinician: str, engine: Engine
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    patient_id = assessed["assessment"]["patient_id"]
    # The person's consent covers the whole record, so the exports run too (not a 403).
    grant(engine, clinician, patient_id, whole_record=True)
    token = token_for(engine, clinician, Scope.WRITE)
    failures = [
        failure
        for result in schema.get_all_operations()
        for mode in GenerationMode
        for failure in server_errors(result.ok(), mode, patient_id, token)
    ]
    assert failures == []
