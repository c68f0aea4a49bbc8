"""The access part of a person's export: their account, who may reach their record, break-glass."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from backcare.access import repository
from backcare.access.break_glass import openings_of
from backcare.access.policy import Actor
from backcare.accounts.repository import account_of_patient
from backcare.accounts.service import to_read
from backcare.records.care_team import care_team_sections


class CareAccessRead(BaseModel):
    """A clinician's access to the record, current or ended."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    patient_id: str
    clinician: str
    granted_by: str
    granted_at: dt.datetime
    whole_record: bool
    plan_and_progress_only: bool
    lead: bool
    revoked_by: str | None
    revoked_at: dt.datetime | None


def access_sections(
    session: Session, *, patient_id: str, reader: Actor | None = None
) -> dict[str, list[BaseModel]]:
    """The person's account (never its password or TOTP secret), care access, break-glass, and
    what their care team wrote (backcare.records.care_team)."""
    account = account_of_patient(session, patient_id)
    grants = [
        CareAccessRead.model_validate(row) for row in repository.grants_on(session, patient_id)
    ]
    return {
        "accounts": [to_read(account)] if account is not None else [],
        "care_access": list(grants),
        "break_glass": list(openings_of(session, patient_id=patient_id)),
        **care_team_sections(session, patient_id=patient_id, reader=reader),
    }
