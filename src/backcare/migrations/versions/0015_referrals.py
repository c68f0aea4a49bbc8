"""Referrals between the care team's clinicians, and every step taken on them.

Revision ID: 0015
Revises: 0021
Create Date: 2026-11-28 17:28:15.751380
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "referrals",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("profession", sa.String(length=40), nullable=False),
        sa.Column("to_clinician_id", sa.String(length=32), nullable=True),
        sa.Column("to_clinician_name", sa.String(length=100), nullable=True),
        sa.Column("clinic_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("clinic_name", sa.String(length=120), nullable=True),
        sa.Column("plan_item_id", sa.String(length=120), nullable=True),
        sa.Column("plan_version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("referred_by_id", sa.String(length=32), nullable=True),
        sa.Column("referred_by_name", sa.String(length=100), nullable=False),
        sa.Column("referred_by_profession", sa.String(length=40), nullable=True),
        sa.Column(
            "counter_to", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "profession IN ('physiotherapist', 'massage_therapist', "
            "'chiropractor_or_osteopath', 'doctor', 'nurse', 'psychologist')",
            name=op.f("ck_referrals_profession_known"),
        ),
        sa.CheckConstraint(
            "status IN ('requested', 'accepted', 'declined', 'booked', 'seen', 'closed')",
            name=op.f("ck_referrals_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"],
            ["clinics.id"],
            name=op.f("fk_referrals_clinic_id_clinics"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["counter_to"],
            ["referrals.id"],
            name=op.f("fk_referrals_counter_to_referrals"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_referrals_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referrals_counter_to"), ["counter_to"], unique=False)
        batch_op.create_index(
            "ix_referrals_patient_created", ["patient_id", "created_at"], unique=False
        )

    op.create_table(
        "referral_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "referral_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=True),
        sa.Column("actor_name", sa.String(length=100), nullable=False),
        sa.Column("actor_profession", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('requested', 'accepted', 'declined', 'booked', 'seen', 'closed')",
            name=op.f("ck_referral_events_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_referral_events_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_referral_events_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_events")),
    )
    with op.batch_alter_table("referral_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_events_referral_id"), ["referral_id"], unique=False
        )


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("referral_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_events_referral_id"))
    op.drop_table("referral_events")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_patient_created")
        batch_op.drop_index(batch_op.f("ix_referrals_counter_to"))
    op.drop_table("referrals")
