"""The safety rules every plan edit is checked against, before anything is stored.

Contraindications are read with the planner's own test (``eligibility.blocked_by`` on the
planner's ``Person``), so an edit is judged exactly as the planner judges its own choices.
Two rules a clinician may go past with an explicit, reasoned override; the safety-plan rule
never: red flags always win (SAFETY.md H-150 to H-152).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan_model import Plan, PlanItem
from backcare.domain.vocabulary import Contra, Kind

SAFETY_PLAN_KINDS = frozenset({Kind.referral, Kind.advice})
"""All an emergency or urgent plan may hold: where to go, and how to stay safe until seen."""


class Rule(StrEnum):
    """The rules an edit can break, by the id a refusal and an override name."""

    SAFETY_PLAN = "safety-plan"
    CONTRAINDICATION = "contraindication"
    REFERRAL_REMOVAL = "referral-removal"


OVERRIDABLE = frozenset({Rule.CONTRAINDICATION, Rule.REFERRAL_REMOVAL})


@dataclass(frozen=True, slots=True)
class Refusal:
    """One rule one item of an edit breaks: what the rule found (in words the person also
    reads, once overridden) and what the clinician can do about it."""

    rule: Rule
    item_id: str
    finding: str
    instruction: str

    @property
    def overridable(self) -> bool:
        return self.rule in OVERRIDABLE

    @property
    def sentence(self) -> str:
        """The refusal as the clinician reads it, naming the rule."""
        return f"Rule {self.rule}: {self.finding} {self.instruction}"


def is_safety_plan(plan: Plan) -> bool:
    """An emergency or urgent plan: referral and safety advice only (contract 3)."""
    return plan.triage.level in SAFETY_ONLY


def contraindicated(codes: Iterable[Contra], person: Person) -> list[Contra]:
    """The person's codes among ``codes`` (a custom exercise's own list)."""
    return sorted(set(codes) & person.contra)


def contraindication(item: PlanItem, codes: list[Contra]) -> Refusal:
    words = ", ".join(code.value.replace("_", " ") for code in codes)
    return Refusal(
        Rule.CONTRAINDICATION,
        item.id,
        f"{item.title} is usually left out for people with: {words}.",
        "To add it anyway, record an override for this rule with your reason.",
    )


def on_safety_plan_added(item: PlanItem) -> Refusal | None:
    """Only referrals and safety advice join an emergency or urgent plan, override or not."""
    if item.kind in SAFETY_PLAN_KINDS:
        return None
    return Refusal(
        Rule.SAFETY_PLAN,
        item.id,
        "This person is on an emergency or urgent safety plan, which holds only where to get "
        f"care and how to stay safe, so {item.title} cannot be added.",
        "No override can change this: a doctor must see them, then a new assessment decides.",
    )


def on_safety_plan_timed(item: PlanItem) -> Refusal:
    return Refusal(
        Rule.SAFETY_PLAN,
        item.id,
        f"A safety plan has no timetable, so {item.title} cannot be given days.",
        "No override can change this.",
    )


def referral_removed(item: PlanItem, *, safety_plan: bool) -> Refusal:
    """Taking a referral out: never on a safety plan, otherwise only with an override."""
    if safety_plan:
        return Refusal(
            Rule.SAFETY_PLAN,
            item.id,
            f"{item.title} is what keeps this person safe while a warning sign is open, so it "
            "cannot be removed.",
            "No override can change this.",
        )
    return Refusal(
        Rule.REFERRAL_REMOVAL,
        item.id,
        f"{item.title} was placed by the triage and referral rules.",
        "To remove it, record an override for this rule with your reason.",
    )
