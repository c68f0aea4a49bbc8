"""Plain-language explanation of a plan's shape and of each item's timetable."""

from __future__ import annotations

from backcare.domain.classify import Classification, PainType, Risk
from backcare.domain.intake import Intake
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.compose import Slot
from backcare.domain.plan_model import DAYS, TriageResult
from backcare.domain.plural import plural
from backcare.domain.vocabulary import Kind, Level, Phase

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
    lines += _mobility(intake)
    prefs = intake.preferences
    lines.append(
        f"Sessions are planned on {plural(prefs.days_per_week, 'day')} a week within "
        f"{prefs.minutes_per_day} minutes a day, with a short hamstring stretch every day."
    )
    if prefs.minutes_per_day < EFFECTIVE_MINUTES:
        lines.append(LOW_DOSE)
    return lines


EFFECTIVE_MINUTES = 15
"""Below about 15 minutes a day a plan is under the dose exercise programmes usually use
(20-30 minutes on most days; HAYDEN-2005, WHO-PA-2020), and the person is told so."""
LOW_DOSE = (
    "A few minutes a day is a good start, but it is less than the 20 to 30 minutes on most "
    "days that usually makes a clear difference to back pain, so progress may be slower. To "
    "build up: add five minutes when a week has gone well, split the time into two short "
    "blocks if that is easier, and walk or move more in daily life (short trips on foot, the "
    "stairs). You can raise your minutes in your preferences at any time."
)


def _mobility(intake: Intake) -> list[str]:
    """How the plan was shaped around the way the person gets about."""
    mobility = intake.mobility
    lines = []
    if mobility.wheelchair_user:
        lines.append(
            "Every exercise can be done sitting, in your wheelchair or on a chair: nothing "
            "needs standing, walking or lying down."
        )
    elif mobility.cannot_get_to_floor:
        lines.append(
            "Nothing in the plan needs you to get down to the floor: exercises lying down can "
            "all be done on a firm bed."
        )
    if mobility.balance_problems:
        lines.append(
            "Because you have fallen or feel unsteady, every standing exercise has a worktop, "
            "wall or chair to hold or lean on. Ask your GP about a falls and balance check."
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
