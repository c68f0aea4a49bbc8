"""Review state on plan versions: the day a review looked at, and a flare-up's end and return.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("flare_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("resumes_version", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            "flare_state_complete", "(flare_until IS NULL) = (resumes_version IS NULL)"
        )


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_plan_versions_flare_state_complete"), type_="check")
        batch_op.drop_column("resumes_version")
        batch_op.drop_column("flare_until")
        batch_op.drop_column("reviewed_on")
