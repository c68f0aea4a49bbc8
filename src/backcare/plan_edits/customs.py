"""The kinds of the custom exercises written for a person, for counting what they did."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.domain.vocabulary import Kind
from backcare.plan_edits.models import CustomExercise


def custom_kinds(session: Session, *, patient_id: str) -> dict[str, Kind]:
    """Each custom exercise's id in the plan and its kind (a custom exercise is not in the
    catalog, so adherence would otherwise not know it is an exercise)."""
    rows = session.execute(
        select(CustomExercise.code, CustomExercise.kind).where(
            CustomExercise.patient_id == patient_id
        )
    )
    return {code: Kind(kind) for code, kind in rows}
