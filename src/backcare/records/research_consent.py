"""Each person's consent to their de-identified data going into a clinic's export.

The consent is recorded per person, when they give it (on paper or in person, as care access is
recorded at the command line), and withdrawing it takes them out of every later export.
``backcare export-clinic`` includes the people whose consent is recorded and not withdrawn.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from backcare.patients.models import patient_id_column
from backcare.patients.service import require_patient
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

NAME_LENGTH = 100


class ResearchConsent(Base):
    """A person's consent to the de-identified export, given and perhaps withdrawn."""

    __tablename__ = "research_consents"

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    given_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    given_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


def _live(session: Session, patient_id: str) -> ResearchConsent | None:
    query = select(ResearchConsent).where(
        ResearchConsent.patient_id == patient_id, ResearchConsent.withdrawn_at.is_(None)
    )
    return session.scalars(query).first()


def give(session: Session, *, patient_id: str, by: str, now: dt.datetime) -> bool:
    """Record the person's consent; False when it is recorded already."""
    require_patient(session, patient_id=patient_id)
    if _live(session, patient_id) is not None:
        return False
    session.add(ResearchConsent(patient_id=patient_id, given_by=by, given_at=now))
    session.flush()
    return True


def withdraw(session: Session, *, patient_id: str, by: str, now: dt.datetime) -> bool:
    """Record that the person withdrew it; False when there was none to withdraw."""
    require_patient(session, patient_id=patient_id)
    row = _live(session, patient_id)
    if row is None:
        return False
    row.withdrawn_by, row.withdrawn_at = by, now
    session.flush()
    return True


def consenting(session: Session) -> frozenset[str]:
    """The ids of everyone whose consent is recorded and not withdrawn."""
    query = select(ResearchConsent.patient_id).where(ResearchConsent.withdrawn_at.is_(None))
    return frozenset(session.scalars(query))
