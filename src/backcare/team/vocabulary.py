"""Closed vocabularies of the care team, free of any database or web import."""

from __future__ import annotations

from enum import StrEnum


class Share(StrEnum):
    """What a person shares with a clinician they invite."""

    WHOLE_RECORD = "whole_record"
    """Everything, exports included."""
    PLAN_AND_PROGRESS = "plan_and_progress"
    """The plan, its versions and the progress; not the answers, notes or exports."""


SHARE_WORDS: dict[Share, str] = {
    Share.WHOLE_RECORD: "Your whole record, including your answers and exports",
    Share.PLAN_AND_PROGRESS: "Your plan and your progress only",
}


class InviteStatus(StrEnum):
    """An invitation: open until a clinician accepts or declines it, or the person withdraws it.

    An open invitation past its expiry is shown as expired; the row itself stays open, since
    nothing happened to it.
    """

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class HandoverStatus(StrEnum):
    """A hand-over of the lead role: offered, then accepted, declined or withdrawn."""

    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
