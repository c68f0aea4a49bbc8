"""Where the case review reads a person's open referrals: one function, one place to change.

Open means in the referral workflow and neither declined nor closed, plus any referral item of
the current plan that nobody has requested yet: the meeting should see a suggested referral
that is waiting as well as one that is under way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.assessments.models import PlanVersion
from backcare.case_review.schemas import ReferralRead
from backcare.domain.referral_flow import ReferralStatus
from backcare.referrals import service as referrals

SUGGESTED = "suggested"
ENDED = (ReferralStatus.DECLINED, ReferralStatus.CLOSED)


def open_referrals(session: Session, *, patient_id: str, actor: Actor) -> list[ReferralRead]:
    """The person's referrals under way, then the plan's referral items not yet requested."""
    items = _current_plan_referral_items(session, patient_id)
    titles = {str(item.get("id", "")): str(item.get("title", "")) for item in items}
    made = referrals.list_referrals(session, patient_id=patient_id, actor=actor)
    under_way = [found for found in made if found.status not in ENDED]
    requested = {found.plan_item_id for found in made if found.plan_item_id is not None}
    return [
        ReferralRead(
            referral_id=found.id,
            item_id=found.plan_item_id,
            title=titles.get(found.plan_item_id or "", "") or f"Referral to {found.profession}",
            status=found.status.value,
            profession=found.profession.value,
            target=None,
            why=found.reason,
            since=found.created_at.date(),
        )
        for found in under_way
    ] + [
        ReferralRead(
            referral_id=None,
            item_id=str(item.get("id", "")),
            title=str(item.get("title", "")),
            status=SUGGESTED,
            profession=None,
            target=item.get("target"),
            why=str(item.get("why", "")),
            since=None,
        )
        for item in items
        if str(item.get("id", "")) not in requested
    ]


def _current_plan_referral_items(session: Session, patient_id: str) -> list[dict[str, Any]]:
    query = (
        select(PlanVersion.plan["items"])
        .where(PlanVersion.patient_id == patient_id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )
    items: list[dict[str, Any]] = session.scalar(query) or []
    return [item for item in items if item.get("kind") == "referral"]
