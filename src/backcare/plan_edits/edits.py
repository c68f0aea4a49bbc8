"""Apply an edit's operations to a plan: pure, and every rule it breaks listed, not raised.

The week and its daily totals are changed item by item, so items an edit leaves alone keep
their place in each day's order (the session player follows that order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from backcare.domain.plan.eligibility import Person, blocked_by
from backcare.domain.plan.items import base_item
from backcare.domain.plan_model import DAYS, Plan, PlanItem
from backcare.domain.vocabulary import Contra, Kind
from backcare.errors import InvalidInputError
from backcare.knowledge.schema import CatalogEntry
from backcare.plan_edits import rules
from backcare.plan_edits.kept import Kept
from backcare.plan_edits.schemas import (
    AddCustom,
    AddItem,
    ChangeItem,
    ChangeLine,
    CustomExerciseCreate,
    Operation,
    RemoveItem,
)

DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
CUSTOM_PREFIX = "custom-"


@dataclass(frozen=True, slots=True)
class Custom:
    """A custom exercise of this record, as a plan item, with the codes that rule it out."""

    item: PlanItem
    contraindications: tuple[Contra, ...]


@dataclass(frozen=True, slots=True)
class Author:
    """Who is editing, as the person will read it."""

    name: str
    role_words: str
    reason: str

    def why(self) -> str:
        return f"Added by {self.name} ({self.role_words}): {self.reason}"


@dataclass(slots=True)
class Proposed:
    """The plan an edit would make, what it changed, and every rule it breaks."""

    plan: Plan
    changes: list[ChangeLine] = field(default_factory=list)
    refusals: list[rules.Refusal] = field(default_factory=list)
    new_customs: list[tuple[str, CustomExerciseCreate]] = field(default_factory=list)
    kept: Kept = field(default_factory=Kept)


def propose(
    plan: Plan,
    operations: Sequence[Operation],
    *,
    catalog: Mapping[str, CatalogEntry],
    customs: Mapping[str, Custom],
    person: Person,
    author: Author,
    kept: Kept,
) -> Proposed:
    """The edited plan; InvalidInputError (422) when an operation cannot apply at all."""
    work = _Work(plan, catalog, dict(customs), person, author, kept.copy())
    for position, operation in enumerate(operations):
        work.apply(position, operation)
    return work.result()


def schedule_words(days: Sequence[str], kind: Kind) -> str:
    """When an item is done, in the plan's words."""
    if kind == Kind.referral:
        return "arrange soon"
    if not days:
        return "when you need it"
    if len(days) == len(DAYS):
        return "every day"
    names = [DAY_NAMES[day] for day in days]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"on {listed}"


def custom_item(code: str, exercise: CustomExerciseCreate, why: str) -> PlanItem:
    """A custom exercise as a plan item, shaped like one made from a catalog entry."""
    return PlanItem(
        id=code,
        kind=exercise.kind,
        title=exercise.title,
        summary=exercise.summary or exercise.title,
        why=why,
        dose=exercise.dose,
        minutes=exercise.minutes,
        schedule="when you need it",
        days=(),
        evidence=(),
        steps=tuple(exercise.steps),
        cautions=tuple(exercise.cautions),
    )


class _Work:
    def __init__(
        self,
        plan: Plan,
        catalog: Mapping[str, CatalogEntry],
        customs: dict[str, Custom],
        person: Person,
        author: Author,
        kept: Kept,
    ) -> None:
        self.plan = plan
        self.catalog = catalog
        self.customs = customs
        self.person = person
        self.author = author
        self.items: list[PlanItem] = list(plan.items)
        self.week = {day: list(plan.week.get(day, [])) for day in DAYS}
        self.totals = {day: float(plan.total_minutes_per_day.get(day, 0.0)) for day in DAYS}
        self.stances = dict(plan.stances)
        self.safety_plan = rules.is_safety_plan(plan)
        self.out = Proposed(plan, kept=kept)

    def apply(self, position: int, operation: Operation) -> None:
        match operation:
            case AddItem():
                self._add_known(position, operation)
            case AddCustom():
                self._add_custom(position, operation)
            case RemoveItem():
                self._remove(position, operation)
            case ChangeItem():
                self._change(position, operation)

    def result(self) -> Proposed:
        totals = {day: round(max(self.totals[day], 0.0), 2) for day in DAYS}
        present = {item.id for item in self.items} | {nr.id for nr in self.plan.not_recommended}
        stances = {key: value for key, value in self.stances.items() if key in present}
        self.out.plan = self.plan.model_copy(
            update={
                "items": self.items,
                "week": self.week,
                "total_minutes_per_day": totals,
                "stances": stances,
            }
        )
        return self.out

    def _find(self, position: int, item_id: str) -> PlanItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise InvalidInputError(
            f"operations: item {item_id!r} (operation {position + 1}) is not in the plan."
        )

    def _absent(self, position: int, item_id: str) -> None:
        if any(item.id == item_id for item in self.items):
            raise InvalidInputError(
                f"operations: {item_id!r} (operation {position + 1}) is already in the plan; "
                "change it instead."
            )

    def _add_known(self, position: int, operation: AddItem) -> None:
        self._absent(position, operation.item_id)
        entry = self.catalog.get(operation.item_id)
        custom = self.customs.get(operation.item_id)
        if entry is None and custom is None:
            raise InvalidInputError(
                f"operations: {operation.item_id!r} (operation {position + 1}) is neither a "
                "catalog entry nor a custom exercise of this person."
            )
        if entry is not None:
            template = base_item(entry)
            codes = blocked_by(entry, self.person)
            if entry.stances:
                self.stances[entry.id] = dict(entry.stances)
        else:
            assert custom is not None
            template = custom.item
            codes = rules.contraindicated(custom.contraindications, self.person)
        item = template.model_copy(
            update={
                "why": self.author.why(),
                "dose": operation.dose or template.dose,
                "minutes": operation.minutes if operation.minutes is not None else template.minutes,
            }
        )
        self._insert(position, item, operation.days, codes)

    def _add_custom(self, position: int, operation: AddCustom) -> None:
        code = f"{CUSTOM_PREFIX}{len(self.customs) + 1}"
        item = custom_item(code, operation.exercise, self.author.why())
        codes = rules.contraindicated(operation.exercise.contraindications, self.person)
        self.customs[code] = Custom(item, tuple(operation.exercise.contraindications))
        self.out.new_customs.append((code, operation.exercise))
        self._insert(position, item, operation.days, codes)

    def _insert(
        self, position: int, item: PlanItem, days: Sequence[str], codes: Sequence[Contra]
    ) -> None:
        self._timed_check(position, item, days)
        if codes:
            self.out.refusals.append(rules.contraindication(item, list(codes)))
        if self.safety_plan:
            refused = rules.on_safety_plan_added(item)
            if refused is not None:
                self.out.refusals.append(refused)
        placed = item.model_copy(
            update={"days": tuple(days), "schedule": schedule_words(days, item.kind)}
        )
        self.items.append(placed)
        self._place(placed)
        self.out.kept.keep(placed)
        self.out.changes.append(
            ChangeLine(action="added", item_id=item.id, title=item.title, detail=_describe(placed))
        )

    def _remove(self, position: int, operation: RemoveItem) -> None:
        item = self._find(position, operation.item_id)
        if item.kind == Kind.referral:
            self.out.refusals.append(rules.referral_removed(item, safety_plan=self.safety_plan))
        self.items.remove(item)
        self._unplace(item)
        self.out.kept.drop(item.id, custom=item.id.startswith(CUSTOM_PREFIX))
        self.out.changes.append(
            ChangeLine(action="removed", item_id=item.id, title=item.title, detail="")
        )

    def _change(self, position: int, operation: ChangeItem) -> None:
        item = self._find(position, operation.item_id)
        if operation.dose is None and operation.minutes is None and operation.days is None:
            raise InvalidInputError(
                f"operations: operation {position + 1} changes nothing; give a dose, minutes "
                "or days."
            )
        days = item.days if operation.days is None else tuple(operation.days)
        self._timed_check(position, item, days)
        if self.safety_plan and days:
            self.out.refusals.append(rules.on_safety_plan_timed(item))
        changed = item.model_copy(
            update={
                "dose": operation.dose or item.dose,
                "minutes": operation.minutes if operation.minutes is not None else item.minutes,
                "days": days,
                "schedule": schedule_words(days, item.kind)
                if operation.days is not None
                else item.schedule,
            }
        )
        self._unplace(item)
        self.items[self.items.index(item)] = changed
        self._place(changed)
        self.out.kept.keep(changed)
        self.out.changes.append(
            ChangeLine(
                action="changed",
                item_id=item.id,
                title=item.title,
                detail=_difference(item, changed),
            )
        )

    def _timed_check(self, position: int, item: PlanItem, days: Sequence[str]) -> None:
        if item.kind == Kind.referral and days:
            raise InvalidInputError(
                f"days: {item.title} (operation {position + 1}) is a referral, which is "
                "arranged, not timetabled; leave its days empty."
            )

    def _place(self, item: PlanItem) -> None:
        for day in item.days:
            self.week[day].append(item.id)
            self.totals[day] += item.minutes

    def _unplace(self, item: PlanItem) -> None:
        for day in item.days:
            if item.id in self.week[day]:
                self.week[day].remove(item.id)
                self.totals[day] -= item.minutes


def _describe(item: PlanItem) -> str:
    parts = [item.dose] if item.dose else []
    parts.append(item.schedule)
    return "; ".join(parts)


def _difference(before: PlanItem, after: PlanItem) -> str:
    """What a change did, as 'dose: A → B; days: ...'."""
    parts = []
    if before.dose != after.dose:
        parts.append(f"dose: {before.dose} → {after.dose}")
    if before.minutes != after.minutes:
        parts.append(f"minutes: {before.minutes:g} → {after.minutes:g}")
    if before.days != after.days:
        parts.append(f"when: {before.schedule} → {after.schedule}")
    return "; ".join(parts) or "no visible change"
