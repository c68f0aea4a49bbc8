"""History-only red flags a doctor has assessed (leaving a safety plan set by history alone).

Revision ID: 0021
Revises: 0017
Create Date: 2026-11-28 17:50:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "assessed_history_flags",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("rule_id", sa.String(length=20), nullable=False),
        sa.Column(
            "snapshot", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=20), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_report_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "confirmed_by IN ('clinician', 'person')",
            name=op.f("ck_assessed_history_flags_confirmed_by_known"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_assessed_history_flags_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessed_history_flags")),
    )
    with op.batch_alter_table("assessed_history_flags", schema=None) as batch_op:
        batch_op.create_index("ix_assessed_history_flags_patient_id", ["patient_id"], unique=False)


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("assessed_history_flags", schema=None) as batch_op:
        batch_op.drop_index("ix_assessed_history_flags_patient_id")

    op.drop_table("assessed_history_flags")
