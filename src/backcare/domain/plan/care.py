"""The untimed and calming parts of a plan: heat and cold, habits, advice, lessons, relaxation.

Advice follows the person: work advice for everyone in work (staying at work helps recovery,
not only going back: NICE-NG59), weight advice above the healthy range, smoking advice for
smokers. Relaxation practice is planned for long-lasting pain, where ACP-2017 recommends
mindfulness and progressive relaxation, and beside worry, fear or low mood.
"""

from __future__ import annotations

from backcare.domain.classify import Classification
from backcare.domain.intake import Work
from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.choice import Choice, Slot, unique
from backcare.domain.plan.eligibility import Person, pick
from backcare.domain.plan.reasons import Why
from backcare.domain.vocabulary import Kind, Phase

# WHO adult cut-off for overweight (kg/m²): above it, weight advice is part of the plan.
HEALTHY_BMI_LIMIT = 25.0
_IN_WORK = frozenset({Work.desk, Work.standing, Work.manual})
# Relaxation practices in the order a plan lists them.
_PRACTICES = ("breathing", "mindfulness", "progressive-relaxation")


def care(catalog: Catalog, person: Person, classification: Classification) -> list[Choice]:
    """Heat, cold, posture, advice, lessons and relaxation that fit this person."""
    chosen: list[Choice] = []
    heat = pick(catalog, person, kind=Kind.heat)[:1]
    chosen += [Choice(e, Slot.as_needed, Why.heat) for e in heat]
    if "recent_strain" in person.contra:
        cold = pick(catalog, person, kind=Kind.cold)[:1]
        chosen += [Choice(e, Slot.as_needed, Why.cold) for e in cold]
    chosen += [Choice(e, Slot.as_needed, Why.posture) for e in _posture(catalog, person)]
    chosen += [Choice(e, Slot.as_needed, Why.advice) for e in _advice(catalog, person)]
    chosen += _lifestyle(catalog, person)
    chosen += _relaxation(catalog, person, classification)
    lessons = pick(catalog, person, kind=Kind.education, tag="lesson")
    chosen += [Choice(e, Slot.as_needed, Why.lesson) for e in lessons]
    return chosen


def _posture(catalog: Catalog, person: Person) -> list[CatalogEntry]:
    work = person.intake.preferences.work
    entries = [
        *pick(catalog, person, kind=Kind.posture),
        *pick(catalog, person, kind=Kind.sleep),
    ]
    return [e for e in entries if not e.work or (work is not None and work in e.work)]


def _advice(catalog: Catalog, person: Person) -> list[CatalogEntry]:
    wanted = ["stay-active", "safety-net"]
    if person.phase != Phase.acute or person.intake.previous_episodes:
        wanted.append("flare-relief")
    out = [e for tag in wanted for e in pick(catalog, person, kind=Kind.advice, tag=tag)[:1]]
    if in_work(person):
        out += pick(catalog, person, kind=Kind.advice, tag="work")[:1]
    return [e for e in unique(out) if "while-waiting" not in e.tags]


def in_work(person: Person) -> bool:
    """In paid work of any kind, or off work because of the pain."""
    intake = person.intake
    return intake.off_work_because_of_pain or intake.preferences.work in _IN_WORK


def _lifestyle(catalog: Catalog, person: Person) -> list[Choice]:
    intake = person.intake
    wanted: list[tuple[str, str]] = []
    bmi = intake.body_mass_index
    if bmi is not None and bmi >= HEALTHY_BMI_LIMIT:
        wanted.append(("weight", Why.weight))
    if intake.smoker:
        wanted.append(("smoking", Why.smoking))
    return [
        Choice(entry, Slot.as_needed, why)
        for tag, why in wanted
        for entry in pick(catalog, person, kind=Kind.advice, tag=tag)[:1]
    ]


def _relaxation(catalog: Catalog, person: Person, classification: Classification) -> list[Choice]:
    """Slow breathing and muscle relaxation to use when needed, a timed mindfulness practice.

    Mindfulness has the stronger evidence (ACP-2017: moderate quality), so it is the one on the
    timetable; progressive relaxation is there to use at bedtime or when tension builds.
    """
    if not (person.phase == Phase.chronic or classification.psychosocial_indicators):
        return []
    practices = pick(catalog, person, kind=Kind.relaxation)
    return [
        Choice(e, Slot.as_needed if e.dose.as_needed else Slot.relax, _WHY[tag])
        for tag in _PRACTICES
        for e in practices
        if tag in e.tags
    ]


_WHY = {
    "breathing": Why.breathing,
    "progressive-relaxation": Why.relaxation,
    "mindfulness": Why.relaxation,
}
