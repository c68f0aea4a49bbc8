"""The bounded schemathesis run of tests/web/test_api_fuzz.py, on the referral and appointment
operations alone (quick to run when only these change)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis import GenerationMode
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Scope
from tests.web.auth_support import grant, token_for
from tests.web.conftest import app, assessed, client, clinician, patient_id  # noqa: F401
from tests.web.test_api_fuzz import server_errors

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_no_input_to_referrals_or_appointments_causes_a_server_error(
    app: FastAPI,  # noqa: F811
    assessed: dict[str, Any],  # noqa: F811
    clinician: str,  # noqa: F811
    engine: Engine,
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    patient_id = assessed["assessment"]["patient_id"]  # noqa: F811
    grant(engine, clinician, patient_id, whole_record=True)
    token = token_for(engine, clinician, Scope.WRITE)
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if "/referrals" in result.ok().path or "/appointments" in result.ok().path
    ]
    assert len(operations) == 12
    failures = [
        failure
        for operation in operations
        for mode in GenerationMode
        for failure in server_errors(operation, mode, patient_id, token)
    ]
    assert failures == []
