"""`backcare clinic`: clinics and their clinicians at the command line, bad input exit 2."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from tests.store.helpers import Cli
from tests.web.auth_support import make_account

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_an_operator_creates_a_clinic_and_adds_a_clinician(cli: Cli, engine: Engine) -> None:
    make_account(engine, "physio", Role.CLINICIAN, password=None)
    make_account(engine, "ann", Role.PERSON, password=None)
    assert cli("clinic", "add", "Riverside Back Clinic").exit_code == 0
    added = cli("clinic", "add-clinician", "Riverside Back Clinic", "physio")
    assert added.exit_code == 0, added.output
    listed = cli("clinic", "list")
    assert "Riverside Back Clinic: physio" in listed.output
    again = cli("clinic", "add", "Riverside Back Clinic")
    assert again.exit_code == 2
    assert "exists already" in again.output
    person = cli("clinic", "add-clinician", "Riverside Back Clinic", "ann")
    assert person.exit_code == 2
    assert "not a clinician" in person.output
    missing = cli("clinic", "add-clinician", "Nowhere", "physio")
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output
