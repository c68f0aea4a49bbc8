"""The plan page's view: the week at a glance, items grouped for a reader, sources resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import DAYS, NotRecommendedItem, Plan, PlanItem
from backcare.domain.session_length import day_items, day_minutes
from backcare.domain.vocabulary import Guideline, Kind, Stance
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.schema import Reference
from backcare.web.pictures import PicturePair, Pictures
from backcare.web.wording import DAY_NAMES

GROUPS: tuple[tuple[str, str, frozenset[Kind]], ...] = (
    (
        "exercise",
        "Exercises and stretches",
        frozenset({Kind.stretch, Kind.strengthen, Kind.mobility, Kind.aerobic}),
    ),
    (
        "hands-on",
        "Massage, rolling, heat and cold",
        frozenset(
            {Kind.self_massage, Kind.partner_massage, Kind.foam_rolling, Kind.heat, Kind.cold}
        ),
    ),
    ("relax", "Relaxation and breathing", frozenset({Kind.relaxation})),
    ("habits", "Everyday habits", frozenset({Kind.posture, Kind.sleep, Kind.advice})),
    ("learn", "Learn about your back", frozenset({Kind.education})),
    ("referral", "Professionals who can help", frozenset({Kind.referral})),
)
GUIDELINE_NAMES = {
    Guideline.nice: "NICE (UK, 2016/2020)",
    Guideline.acp: "American College of Physicians (2017)",
    Guideline.who: "World Health Organization (2023)",
}


@dataclass(frozen=True, slots=True)
class StanceView:
    guideline: str
    stance: Stance


@dataclass(frozen=True, slots=True)
class ItemView:
    item: PlanItem
    references: tuple[Reference | str, ...]
    stances: tuple[StanceView, ...]
    """Each guideline's position, listed only when the guidelines differ."""
    pictures: PicturePair | None
    """Start and end pictures, for exercises, stretches and massage."""


@dataclass(frozen=True, slots=True)
class DayView:
    code: str
    name: str
    items: tuple[PlanItem, ...]
    minutes: int
    """The session's length (domain.session_length, as the session and today pages say)."""
    today: bool


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    title: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class NotRecommendedView:
    entry: NotRecommendedItem
    references: tuple[Reference | str, ...]
    stances: tuple[StanceView, ...]


@dataclass(frozen=True, slots=True)
class PlanView:
    plan: Plan
    safety_only: bool
    week: tuple[DayView, ...]
    groups: tuple[Group, ...]
    not_recommended: tuple[NotRecommendedView, ...]


def _refs(ids: Sequence[str], known: Mapping[str, Reference]) -> tuple[Reference | str, ...]:
    return tuple(known.get(ref, ref) for ref in ids)


def _differing(stances: Mapping[Guideline, Stance] | None) -> tuple[StanceView, ...]:
    """Every stance when the guidelines disagree; nothing when they agree."""
    if not stances or len(set(stances.values())) < 2:
        return ()
    return tuple(StanceView(GUIDELINE_NAMES.get(g, str(g)), s) for g, s in stances.items())


def week_view(plan: Plan, today: dt.date) -> tuple[DayView, ...]:
    """Each day's timetabled items and minutes, today marked."""
    today_code = DAYS[today.weekday()]
    return tuple(
        DayView(
            code=day,
            name=DAY_NAMES[day],
            items=day_items(plan, day),
            minutes=day_minutes(plan, day),
            today=day == today_code,
        )
        for day in DAYS
    )


def plan_view(plan: Plan, knowledge: Knowledge, today: dt.date, pictures: Pictures) -> PlanView:
    """Everything the plan page shows, in reading order."""
    refs = knowledge.references
    groups = tuple(
        Group(
            gid,
            title,
            tuple(
                ItemView(
                    item,
                    _refs(item.evidence, refs),
                    _differing(plan.stances.get(item.id)),
                    pictures.of(item.id),
                )
                for item in plan.items
                if item.kind in kinds
            ),
        )
        for gid, title, kinds in GROUPS
    )
    return PlanView(
        plan=plan,
        safety_only=plan.triage.level in SAFETY_ONLY,
        week=week_view(plan, today),
        groups=tuple(group for group in groups if group.items),
        not_recommended=tuple(
            NotRecommendedView(nr, _refs(nr.evidence, refs), _differing(plan.stances.get(nr.id)))
            for nr in plan.not_recommended
        ),
    )
