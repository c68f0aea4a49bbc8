"""Parts of a person's export kept beside the record: reviews run on their own, replayed writes.

Both tables hold rows about the person (and go when the record is erased), so the right of
access covers them like every other table with their id.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.jobs import repository as jobs
from backcare.jobs.schemas import ReviewRunRead
from backcare.offline.models import IdempotentRequest
from backcare.offline.schemas import IdempotentRequestRead


def kept_sections(session: Session, *, patient_id: str) -> dict[str, list[BaseModel]]:
    """The review runs and the kept answers to writes sent with an Idempotency-Key."""
    runs = jobs.runs_of(session, patient_id=patient_id)
    query = select(IdempotentRequest).where(IdempotentRequest.patient_id == patient_id)
    kept = session.scalars(query.order_by(IdempotentRequest.created_at)).all()
    return {
        "review_runs": [ReviewRunRead.model_validate(run) for run in runs],
        "idempotent_requests": [IdempotentRequestRead.model_validate(row) for row in kept],
    }
