"""Appointments proposed by a clinician (place or video link) and the times each offers.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-28 17:28:15.751380
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "appointments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("clinician_id", sa.String(length=32), nullable=False),
        sa.Column("clinician_name", sa.String(length=100), nullable=False),
        sa.Column("profession", sa.String(length=40), nullable=True),
        sa.Column(
            "referral_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("video_url", sa.String(length=500), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("answered_by", sa.String(length=100), nullable=True),
        sa.Column("cancelled_by", sa.String(length=100), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(mode = 'in_person' AND place IS NOT NULL AND video_url IS NULL)"
            " OR (mode = 'video' AND video_url IS NOT NULL)",
            name=op.f("ck_appointments_place_or_link"),
        ),
        sa.CheckConstraint(
            "mode IN ('in_person', 'video')", name=op.f("ck_appointments_mode_known")
        ),
        sa.CheckConstraint(
            "status IN ('proposed', 'accepted', 'declined', 'cancelled')",
            name=op.f("ck_appointments_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["accounts.id"],
            name=op.f("fk_appointments_clinician_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_appointments_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_appointments_referral_id_referrals"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("uid", name=op.f("uq_appointments_uid")),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointments_clinician_id"), ["clinician_id"], unique=False
        )
        batch_op.create_index(
            "ix_appointments_patient_created", ["patient_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_appointments_referral_id"), ["referral_id"], unique=False
        )

    op.create_table(
        "appointment_times",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "appointment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("clinician_id", sa.String(length=32), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_appointment_times_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_appointment_times_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["accounts.id"],
            name=op.f("fk_appointment_times_clinician_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_appointment_times_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_times")),
    )
    with op.batch_alter_table("appointment_times", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointment_times_appointment_id"), ["appointment_id"], unique=False
        )
        batch_op.create_index(
            "ix_appointment_times_clinician_start", ["clinician_id", "starts_at"], unique=False
        )


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("appointment_times", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_times_clinician_start")
        batch_op.drop_index(batch_op.f("ix_appointment_times_appointment_id"))
    op.drop_table("appointment_times")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointments_referral_id"))
        batch_op.drop_index("ix_appointments_patient_created")
        batch_op.drop_index(batch_op.f("ix_appointments_clinician_id"))
    op.drop_table("appointments")
