"""Reports of having been seen, to leave the emergency or urgent plan, and their decisions.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 14:03:38.887513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "seen_reports",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("seen_by", sa.String(length=30), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("reported_by", sa.String(length=100), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("new_plan_version", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('nothing_serious', 'treated', 'follow_up_arranged', "
            "'waiting_for_results')",
            name=op.f("ck_seen_reports_outcome_known"),
        ),
        sa.CheckConstraint(
            "seen_by IN ('emergency_department', 'urgent_care', 'gp', 'hospital_specialist')",
            name=op.f("ck_seen_reports_seen_by_known"),
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'confirmed', 'declined', 'lifted_without_team')",
            name=op.f("ck_seen_reports_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_seen_reports_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seen_reports")),
    )
    with op.batch_alter_table("seen_reports", schema=None) as batch_op:
        batch_op.create_index("ix_seen_reports_patient_id", ["patient_id"], unique=False)


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("seen_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_seen_reports_patient_id")

    op.drop_table("seen_reports")
