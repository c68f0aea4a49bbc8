"""The audit log: hash-chained rows, the chain's head, and triggers that keep both append-only.

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-28 10:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64
ROLES = "'person', 'clinician', 'admin', 'system', 'os_user', 'anonymous'"
# Every column an erasure's seal must leave as it was (it may change only the detail's three).
KEPT = (
    "seq", "at", "actor_id", "actor_role", "actor_name", "action", "patient_key", "outcome",
    "source", "prev_hash", "row_hash",
)  # fmt: skip
REFUSED = "the audit log is append-only"


def upgrade() -> None:
    """Apply this migration."""
    _create_log()
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.execute(
        sa.text(
            "INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, :genesis)"
        ).bindparams(genesis=GENESIS_HASH)
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgres_triggers()
    else:
        _sqlite_triggers()


def _create_log() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("patient_key", sa.String(length=32), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("detail_salt", sa.String(length=32), nullable=True),
        sa.Column("detail_seal", sa.String(length=64), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "(detail_salt IS NULL) = (detail_seal IS NOT NULL)",
            name=op.f("ck_audit_log_detail_salt_or_seal"),
        ),
        sa.CheckConstraint(
            "detail_salt IS NOT NULL OR detail = ''", name=op.f("ck_audit_log_sealed_detail_empty")
        ),
        sa.CheckConstraint(f"actor_role IN ({ROLES})", name=op.f("ck_audit_log_actor_role_known")),
        sa.CheckConstraint(
            "outcome IN ('allowed', 'denied')", name=op.f("ck_audit_log_outcome_known")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_patient_key_seq", "audit_log", ["patient_key", "seq"])


def _is_a_seal(new: str, old: str, same: str) -> str:
    """SQL that holds when an UPDATE only seals a readable detail and changes nothing else."""
    unchanged = " AND ".join(f"{new}.{column} {same} {old}.{column}" for column in KEPT)
    return (
        f"{old}.detail_salt IS NOT NULL AND {new}.detail_salt IS NULL"
        f" AND {new}.detail_seal IS NOT NULL AND {new}.detail = '' AND {unchanged}"
    )


def _sqlite_triggers() -> None:
    seal = _is_a_seal("NEW", "OLD", "IS")
    op.execute(
        f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
    )
    op.execute(
        f"CREATE TRIGGER audit_log_only_seal BEFORE UPDATE ON audit_log WHEN NOT ({seal}) "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
    )
    op.execute(
        f"CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head "
        "WHEN NOT (NEW.id = OLD.id AND NEW.last_seq = OLD.last_seq + 1) "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
    )


def _postgres_triggers() -> None:
    seal = _is_a_seal("NEW", "OLD", "IS NOT DISTINCT FROM")
    op.execute(
        f"""
        CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF {seal} THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION '{REFUSED}: % refused', TG_OP;
        END $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF NEW.id = OLD.id AND NEW.last_seq = OLD.last_seq + 1 THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION '{REFUSED}: % of the chain head refused', TG_OP;
        END $$
        """
    )
    for table, guard in (
        ("audit_log", "audit_log_guard"),
        ("audit_chain_head", "audit_chain_head_guard"),
    ):
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {guard}()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {guard}()"
        )


def downgrade() -> None:
    """Undo this migration (drops the log: development and tests only)."""
    op.drop_table("audit_chain_head")
    op.drop_table("audit_log")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_log_guard()")
        op.execute("DROP FUNCTION audit_chain_head_guard()")
