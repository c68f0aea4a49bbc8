"""The care team: clinics and their clinicians, invitations, lead hand-overs, and what a care
grant shares (the plan and progress only) and whether it is the lead's.

Revision ID: 0010
Revises: 0005
Create Date: 2026-11-28 14:03:38.887513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "clinics",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinics")),
        sa.UniqueConstraint("name", name=op.f("uq_clinics_name")),
    )
    op.create_table(
        "clinic_members",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "clinic_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("clinician_id", sa.String(length=32), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_id"],
            ["clinics.id"],
            name=op.f("fk_clinic_members_clinic_id_clinics"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["accounts.id"],
            name=op.f("fk_clinic_members_clinician_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinic_members")),
        sa.UniqueConstraint(
            "clinic_id", "clinician_id", name=op.f("uq_clinic_members_clinic_id_clinician_id")
        ),
    )
    with op.batch_alter_table("clinic_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_clinic_members_clinic_id"), ["clinic_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_clinic_members_clinician_id"), ["clinician_id"], unique=False
        )

    op.create_table(
        "lead_handovers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("to_clinician_id", sa.String(length=32), nullable=False),
        sa.Column("offered_by", sa.String(length=100), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answered_by", sa.String(length=100), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('offered', 'accepted', 'declined', 'withdrawn')",
            name=op.f("ck_lead_handovers_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_lead_handovers_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_clinician_id"],
            ["accounts.id"],
            name=op.f("fk_lead_handovers_to_clinician_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_handovers")),
    )
    with op.batch_alter_table("lead_handovers", schema=None) as batch_op:
        batch_op.create_index("ix_lead_handovers_patient_id", ["patient_id"], unique=False)

    op.create_table(
        "team_invites",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("share", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clinician_id", sa.String(length=32), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(status IN ('accepted', 'declined')) = (clinician_id IS NOT NULL)",
            name=op.f("ck_team_invites_answered_by_a_clinician"),
        ),
        sa.CheckConstraint(
            "share IN ('whole_record', 'plan_and_progress')",
            name=op.f("ck_team_invites_share_known"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'accepted', 'declined', 'withdrawn')",
            name=op.f("ck_team_invites_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["accounts.id"],
            name=op.f("fk_team_invites_clinician_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_team_invites_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_invites")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_team_invites_code_hash")),
    )
    with op.batch_alter_table("team_invites", schema=None) as batch_op:
        batch_op.create_index("ix_team_invites_patient_id", ["patient_id"], unique=False)

    with op.batch_alter_table("care_access", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "plan_and_progress_only", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column("lead", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_check_constraint(
            op.f("ck_care_access_one_share_of_the_record"),
            "NOT (whole_record AND plan_and_progress_only)",
        )


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("care_access", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_care_access_one_share_of_the_record"), type_="check")
        batch_op.drop_column("lead")
        batch_op.drop_column("plan_and_progress_only")

    with op.batch_alter_table("team_invites", schema=None) as batch_op:
        batch_op.drop_index("ix_team_invites_patient_id")

    op.drop_table("team_invites")
    with op.batch_alter_table("lead_handovers", schema=None) as batch_op:
        batch_op.drop_index("ix_lead_handovers_patient_id")

    op.drop_table("lead_handovers")
    with op.batch_alter_table("clinic_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clinic_members_clinician_id"))
        batch_op.drop_index(batch_op.f("ix_clinic_members_clinic_id"))

    op.drop_table("clinic_members")
    op.drop_table("clinics")
