"""The alert workflow: who acknowledged an alert (and their note) and who resolved it, and why.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 14:03:38.887513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acknowledged_by", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("acknowledge_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("resolved_by", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("resolve_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_column("resolve_reason")
        batch_op.drop_column("resolved_by")
        batch_op.drop_column("acknowledge_note")
        batch_op.drop_column("acknowledged_at")
        batch_op.drop_column("acknowledged_by")
