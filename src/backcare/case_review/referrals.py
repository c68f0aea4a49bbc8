"""Where the case review reads a person's open referrals: one function, one place to change.

Today a referral is an item of the plan (kind ``referral``, with its ``target``), so the open
referrals are the referral items of the current plan version. When the referrals workflow
(requested, accepted, booked, seen, closed) is in place, this function is the only thing to
point at its open referrals; the summary, its page and its API read nothing else.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.assessments.models import PlanVersion
from backcare.case_review.schemas import ReferralRead


def open_referrals(session: Session, *, patient_id: str) -> list[ReferralRead]:
    """The person's open referrals: the referral items of their current plan."""
    query = (
        select(PlanVersion.plan["items"])
        .where(PlanVersion.patient_id == patient_id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )
    items: list[dict[str, Any]] = session.scalar(query) or []
    return [
        ReferralRead(
            item_id=str(item.get("id", "")),
            title=str(item.get("title", "")),
            target=item.get("target"),
            why=str(item.get("why", "")),
        )
        for item in items
        if item.get("kind") == "referral"
    ]
