"""One check-in per person per day: duplicates merged into the latest, then a unique constraint.

A second check-in on the same day used to be stored beside the first, and every count of days
and sessions counted that day twice. The latest check-in of each day is kept; warning signs and
a flare-up reported in the ones removed are carried into it, so no red flag is lost (SAFETY.md
H-120). The unique constraint replaces the plain (patient_id, date) index, which it also serves
as.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-28 14:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_checkins = sa.table(
    "checkins",
    sa.column("id", sa.BigInteger()),
    sa.column("patient_id", sa.String(32)),
    sa.column("date", sa.Date()),
    sa.column("warnings", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
    sa.column("flare_up", sa.Boolean()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _merge_duplicates(connection: sa.Connection) -> None:
    c = _checkins.c
    days = (
        sa.select(c.patient_id, c.date)
        .group_by(c.patient_id, c.date)
        .having(sa.func.count(c.id) > 1)
        .subquery()
    )
    rows = connection.execute(
        sa.select(c.id, c.patient_id, c.date, c.warnings, c.flare_up)
        .join(days, sa.and_(c.patient_id == days.c.patient_id, c.date == days.c.date))
        .order_by(c.patient_id, c.date, c.created_at, c.id)
    ).all()
    groups: dict[tuple[str, Any], list[Any]] = {}
    for row in rows:
        groups.setdefault((row.patient_id, row.date), []).append(row)
    for group in groups.values():
        *earlier, kept = group
        warnings = list(dict.fromkeys(w for row in group for w in (row.warnings or [])))
        flare_up = any(row.flare_up for row in group)
        connection.execute(
            sa.update(_checkins).where(c.id == kept.id).values(warnings=warnings, flare_up=flare_up)
        )
        connection.execute(sa.delete(_checkins).where(c.id.in_([row.id for row in earlier])))


def upgrade() -> None:
    """Apply this migration."""
    _merge_duplicates(op.get_bind())
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index("ix_checkins_patient_date")
        batch_op.create_unique_constraint(
            batch_op.f("uq_checkins_patient_id_date"), ["patient_id", "date"]
        )


def downgrade() -> None:
    """Undo this migration (the merged duplicates stay merged)."""
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_checkins_patient_id_date"), type_="unique")
        batch_op.create_index("ix_checkins_patient_date", ["patient_id", "date"], unique=False)
