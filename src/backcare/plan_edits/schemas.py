"""What a plan edit asks for and what the change history shows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backcare.domain.plan_model import DAYS
from backcare.domain.text import Line, Text
from backcare.domain.vocabulary import Contra, Kind

REASON_MAX = 2000
MAX_OPERATIONS = 20
MAX_MINUTES = 120.0
"""The longest single item a clinician can time (a long walk); anything longer is a typo."""
CUSTOM_KINDS = frozenset(
    {Kind.stretch, Kind.strengthen, Kind.mobility, Kind.aerobic, Kind.relaxation}
)
"""What a custom exercise can be: exercise and relaxation (a massage or referral comes from the
catalog, where its safety codes are checked by the catalog's own rules)."""

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Reason = Annotated[Text, Field(min_length=1, max_length=REASON_MAX)]
ItemId = Annotated[Line, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9-]+$")]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _days_in_order(days: list[Day] | None) -> list[Day] | None:
    if days is None:
        return None
    if len(set(days)) != len(days):
        raise ValueError("a day is named twice")
    return sorted(days, key=DAYS.index)


class CustomExerciseCreate(Input):
    """An exercise written for this person: what it is, how to do it, and who must not."""

    kind: Kind = Field(description="stretch, strengthen, mobility, aerobic or relaxation.")
    title: Annotated[Line, Field(min_length=3, max_length=120)]
    summary: Annotated[Text, Field(max_length=1000)] = ""
    steps: Annotated[
        list[Annotated[Text, Field(min_length=1, max_length=500)]],
        Field(min_length=1, max_length=15),
    ]
    dose: Annotated[Line, Field(min_length=1, max_length=200)]
    minutes: float = Field(
        gt=0, le=MAX_MINUTES, allow_inf_nan=False, description="Minutes one session takes."
    )
    contraindications: list[Contra] = Field(
        default_factory=list,
        max_length=len(Contra),
        description="Codes of the person's conditions that rule it out (contract 4 vocabulary).",
    )
    cautions: Annotated[
        list[Annotated[Text, Field(min_length=1, max_length=300)]], Field(max_length=10)
    ] = Field(default_factory=list)

    @field_validator("kind")
    @classmethod
    def _exercise_kind(cls, kind: Kind) -> Kind:
        if kind not in CUSTOM_KINDS:
            allowed = ", ".join(sorted(k.value for k in CUSTOM_KINDS))
            raise ValueError(f"a custom exercise is one of: {allowed}")
        return kind


class AddItem(Input):
    """Add a catalog entry (or a custom exercise of this record, by its id) to the plan."""

    op: Literal["add"]
    item_id: ItemId
    days: list[Day] = Field(default_factory=list, max_length=7)
    dose: Annotated[Line, Field(min_length=1, max_length=200)] | None = None
    minutes: float | None = Field(default=None, gt=0, le=MAX_MINUTES, allow_inf_nan=False)

    _ordered = field_validator("days")(_days_in_order)


class AddCustom(Input):
    """Write a new custom exercise for this person and add it to the plan."""

    op: Literal["add_custom"]
    exercise: CustomExerciseCreate
    days: list[Day] = Field(default_factory=list, max_length=7)

    _ordered = field_validator("days")(_days_in_order)


class RemoveItem(Input):
    """Take an item out of the plan."""

    op: Literal["remove"]
    item_id: ItemId


class ChangeItem(Input):
    """Change an item's dose, minutes or days (what is not given stays)."""

    op: Literal["change"]
    item_id: ItemId
    dose: Annotated[Line, Field(min_length=1, max_length=200)] | None = None
    minutes: float | None = Field(default=None, gt=0, le=MAX_MINUTES, allow_inf_nan=False)
    days: list[Day] | None = Field(default=None, max_length=7)

    _ordered = field_validator("days")(_days_in_order)


Operation = Annotated[AddItem | AddCustom | RemoveItem | ChangeItem, Field(discriminator="op")]


class Override(Input):
    """The clinician's explicit decision to go past one safety rule for one item, and why."""

    rule: Annotated[Line, Field(min_length=1, max_length=40)]
    item_id: ItemId
    reason: Reason


class PlanEditCreate(Input):
    """One edit: the version it was based on, what changes, why, and any override."""

    based_on_version: int = Field(ge=1, le=1_000_000, description="The version you edited.")
    reason: Reason
    operations: list[Operation] = Field(min_length=1, max_length=MAX_OPERATIONS)
    overrides: list[Override] = Field(default_factory=list, max_length=MAX_OPERATIONS)


class ChangeLine(BaseModel):
    """One thing an edit changed, in words a person reads."""

    model_config = ConfigDict(frozen=True)

    action: Literal["added", "removed", "changed"]
    item_id: str
    title: str
    detail: str


class OverrideRead(BaseModel):
    """A safety rule a clinician went past, the sentence it said and the clinician's reason."""

    model_config = ConfigDict(frozen=True)

    rule: str
    item_id: str
    sentence: str
    finding: str = Field(default="", description="What the rule found, in the person's words.")
    reason: str


class PlanEditRead(BaseModel):
    """One entry of the change history: what changed, who changed it, in what role, and why."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    version: int
    based_on_version: int
    author_name: str
    profession: str | None
    reason: str
    changes: list[ChangeLine]
    overrides: list[OverrideRead]
    created_at: datetime
