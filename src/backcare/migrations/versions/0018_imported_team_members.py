"""Care teams imported with a FHIR Bundle (kept as history, never as access), and each
person's recorded consent to the clinic's de-identified export.

Revision ID: 0018
Revises: 0016
Create Date: 2026-11-28 17:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "imported_team_members",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("team", sa.Integer(), nullable=False),
        sa.Column("team_status", sa.String(length=20), nullable=False),
        sa.Column("team_name", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("profession", sa.String(length=40), nullable=True),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("share", sa.String(length=20), nullable=True),
        sa.Column("start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_imported_team_members_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_team_members")),
    )
    with op.batch_alter_table("imported_team_members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_imported_team_members_patient_team", ["patient_id", "team"], unique=False
        )
    op.create_table(
        "research_consents",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("given_by", sa.String(length=100), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_by", sa.String(length=100), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_research_consents_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_consents")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("research_consents")
    with op.batch_alter_table("imported_team_members", schema=None) as batch_op:
        batch_op.drop_index("ix_imported_team_members_patient_team")
    op.drop_table("imported_team_members")
