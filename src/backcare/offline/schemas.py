"""What is shown of a kept Idempotency-Key answer (the person's export)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class IdempotentRequestRead(BaseModel):
    """A write sent with a key, and the answer every replay of it gets."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    patient_id: str
    key: str
    endpoint: str
    status_code: int | None
    media_type: str
    body: str
    location: str
    created_at: dt.datetime
