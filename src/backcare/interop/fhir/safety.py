"""Safety checks on plans that arrive in a Bundle rather than from Backcare's own rules.

An imported plan was made elsewhere (or edited by hand), so before it is stored Backcare checks
what its planner guarantees: every item is in the catalog, a plan at emergency or urgent level
holds only referral and safety advice, and the current plan is never milder than the person's
latest answers (SAFETY.md H-34).
"""

from __future__ import annotations

from backcare.domain.plan_model import Plan
from backcare.domain.vocabulary import Kind, Level
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge

SAFETY_KINDS = frozenset({Kind.referral, Kind.advice})
"""What a plan at emergency or urgent level may hold (contract 3)."""


def check_plan(plan: Plan, knowledge: Knowledge, where: str) -> None:
    """Refuse an unknown item, or exercise in a plan that says to see a doctor now."""
    for item in plan.items:
        if item.id not in knowledge.catalog:
            raise InvalidInputError(f"{where}: item {item.id!r} is not in Backcare's catalog.")
    if plan.triage.level in (Level.emergency, Level.urgent):
        extra = [item.id for item in plan.items if item.kind not in SAFETY_KINDS]
        if extra:
            raise InvalidInputError(
                f"{where}: a plan at {plan.triage.level} level holds only the referral and "
                f"safety advice, but this one holds {', '.join(extra)}."
            )


def check_current_level(plan: Plan, answers_level: Level, where: str) -> None:
    """Refuse a current plan milder than the triage of the latest answers."""
    if Level(plan.triage.level).rank < answers_level.rank:
        raise InvalidInputError(
            f"{where}: the current plan is at {plan.triage.level} level, but the latest answers "
            f"give {answers_level}; Backcare does not import a plan milder than the answers."
        )
