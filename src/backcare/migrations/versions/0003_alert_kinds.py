"""Two more alert kinds: a clinician review (worse twice, recurrent flare-ups) and severe pain.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("red_flag", "pain_worsening", "no_improvement")
_AFTER = (*_BEFORE, "clinician_review", "severe_pain")


def _kinds(kinds: tuple[str, ...]) -> str:
    return f"kind IN ({', '.join(repr(kind) for kind in kinds)})"


def _replace_check(kinds: tuple[str, ...]) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table with the new one.
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_alerts_kind_known"), type_="check")
        batch_op.create_check_constraint("kind_known", _kinds(kinds))


def upgrade() -> None:
    """Apply this migration."""
    _replace_check(_AFTER)


def downgrade() -> None:
    """Undo this migration (alerts of the new kinds are removed first: they would not fit)."""
    op.execute(f"DELETE FROM alerts WHERE kind IN {_AFTER[len(_BEFORE) :]!r}")
    _replace_check(_BEFORE)
