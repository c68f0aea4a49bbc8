"""What the referral API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backcare.accounts.vocabulary import Profession
from backcare.domain.referral_flow import ReferralStatus, ReferralStep
from backcare.domain.text import Line, Text

REASON_MAX = 4_000
Reason = Annotated[Text, Field(min_length=1, max_length=REASON_MAX)]
Name = Annotated[Line, Field(min_length=1, max_length=120)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ReferralCreate(Input):
    """A referral to a profession, or from one of the current plan's referral items."""

    plan_item_id: Name | None = Field(
        default=None, description="A referral item of the current plan this referral acts on."
    )
    profession: Profession | None = Field(
        default=None, description="Who it goes to (from the plan item's target when not given)."
    )
    to_clinician: Name | None = Field(
        default=None, description="A named clinician in the person's care team (username)."
    )
    clinic: Name | None = Field(default=None, description="A clinic, by name.")
    reason: Reason | None = Field(
        default=None, description="Why; the plan item's reason when it is left out."
    )

    @model_validator(mode="after")
    def _says_where(self) -> ReferralCreate:
        if self.plan_item_id is None and self.profession is None and self.to_clinician is None:
            raise ValueError("profession: say who the referral goes to, or give a plan item")
        if self.plan_item_id is None and self.reason is None:
            raise ValueError("reason: say why the person is referred")
        return self


class StepTaken(Input):
    """One step on a referral; a decline needs a reason (``note``)."""

    step: ReferralStep
    note: Reason | None = Field(
        default=None, description="Why it is declined; what was booked; anything to add."
    )


class CounterCreate(Input):
    """A counter-referral: the receiving clinician's answer back to the referring clinician."""

    reason: Reason


class ReferralEventRead(BaseModel):
    """One step: what the referral became, who took the step, their profession, and when."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    status: ReferralStatus
    actor_name: str
    actor_profession: str | None
    note: str | None
    at: dt.datetime


class ReferralRead(BaseModel):
    """A referral as its reader sees it, with its history and what the reader may do next."""

    model_config = ConfigDict(frozen=True)

    id: int
    status: ReferralStatus
    status_words: str
    profession: Profession
    to_clinician: str | None
    clinic: str | None
    plan_item_id: str | None
    plan_version: int | None
    reason: str
    referred_by: str
    referred_by_profession: str | None
    counter_to: int | None = Field(description="The referral this one answers, if any.")
    counter_referrals: list[int] = Field(description="Referrals sent back in answer to this one.")
    created_at: dt.datetime
    updated_at: dt.datetime
    events: list[ReferralEventRead]
    steps: list[ReferralStep] = Field(description="The steps the reader may take now.")
    may_counter: bool = Field(description="Whether the reader may send a counter-referral now.")
