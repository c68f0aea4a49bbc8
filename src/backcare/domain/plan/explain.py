"""Plain-language explanation of a plan's shape and of each item's timetable."""

from __future__ import annotations

from backcare.domain.classify import Classification, PainType, Risk
from backcare.domain.intake import Intake
from backcare.domain.plan.compose import Slot
from backcare.domain.plan_model import DAYS, TriageResult
from backcare.domain.vocabulary import Kind, Level, Phase
from backcare.knowledge.schema import CatalogEntry

_PHASE = {
    Phase.acute: "This episode is recent (under six weeks). The plan keeps you moving gently, "
    "with heat and walking; most recent back pain improves a lot within weeks.",
    Phase.subacute: "This episode has lasted six to twelve weeks. The plan adds stretching and "
    "gentle strengthening of the muscles that support your back.",
    Phase.chronic: "This episode has lasted more than twelve weeks. Exercise that builds up "
    "week by week is the core of the plan, with walking or other activity you enjoy.",
}
_DAY_NAMES = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))


def overview(intake: Intake, classification: Classification, result: TriageResult) -> list[str]:
    """Why the plan looks the way it does, in a few sentences."""
    lines = [result.action]
    if result.level in (Level.emergency, Level.urgent):
        return [*lines, "There are no exercises in this plan until a doctor has seen you."]
    lines.append(_PHASE[classification.duration])
    if classification.type == PainType.radicular:
        lines.append(
            "Your leg symptoms suggest an irritated nerve (sciatica). Keep to movements that do "
            "not send pain further down the leg."
        )
    if classification.risk in (Risk.medium, Risk.high):
        lines.append("Screening suggests extra support would help; see the referrals.")
    if intake.pregnant:
        lines.append("Exercises have been chosen to be suitable in pregnancy.")
    prefs = intake.preferences
    lines.append(
        f"Sessions are planned on {prefs.days_per_week} days a week within "
        f"{prefs.minutes_per_day} minutes a day, with a short hamstring stretch every day."
    )
    return lines


def dropped(titles: list[str]) -> list[str]:
    """A sentence naming items that did not fit the time available."""
    if not titles:
        return []
    return ["Left out to fit your time: " + ", ".join(titles) + "."]


def schedule(entry: CatalogEntry, days: list[str], slot: Slot) -> str:
    """A short phrase saying when to do an item."""
    if days:
        return "every day" if len(days) == len(DAYS) else ", ".join(_DAY_NAMES[d] for d in days)
    if entry.kind == Kind.education:
        return "read once, come back when you need it"
    if slot == Slot.as_needed and entry.dose.as_needed:
        return "when needed"
    return "every day, as part of daily life"
