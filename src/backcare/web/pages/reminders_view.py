"""What the account page shows of a person's calendar reminders."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.reminders.service import list_feeds


def reminder_context(session: Session, actor: Actor) -> dict[str, Any]:
    """The live feeds of a person's account (None for other accounts: they have no plan)."""
    feeds = None
    if actor.patient_id is not None and actor.account_id is not None:
        feeds = list_feeds(session, account_id=actor.account_id)
    return {"feeds": feeds, "feed_created": None, "feed_url": ""}
