"""The today page's view: what the plan holds today, what to do next, the check-in, the week.

Everything is read for today and this week only (never the whole history), so the page stays
fast for a person with years of data. The session length comes from
``domain.session_length`` and the week's sessions from ``domain.adherence``, as the plan page
and the weekly review count them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from backcare.access.break_glass import BreakGlassRead, openings_of
from backcare.domain.adapt.outcome import long_date
from backcare.domain.adherence import Schedule, adherence, describe, schedule_of_week
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import DAYS, PlanItem, TriageResult
from backcare.domain.session_length import session_minutes
from backcare.domain.tracking import History
from backcare.domain.vocabulary import Kind
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from backcare.tracking.history import daily_history
from backcare.tracking.service import open_alert_kinds
from backcare.tracking.vocabulary import AlertKind
from backcare.web.repository import current_plan_text

ALERT_WORDS: dict[AlertKind, str] = {
    AlertKind.red_flag: (
        "You reported a warning sign. It is in your record for your clinician to see. Follow "
        "what your plan says about it, and get help now if it gets worse."
    ),
    AlertKind.pain_worsening: (
        "Your pain has been getting worse. Your plan now asks you to see your GP, and your "
        "clinician can see this."
    ),
    AlertKind.no_improvement: (
        "Your pain has not changed much for some weeks. Your plan suggests seeing a "
        "professional who can look at it with you."
    ),
    AlertKind.clinician_review: (
        "Your plan is waiting for your clinician to look at it with you. Carry on gently "
        "until then."
    ),
    AlertKind.severe_pain: (
        "Your pain has been severe on several days this week. Please contact your GP or "
        "physiotherapist in the next day or two."
    ),
}
"""What each open alert means for the person, in their words (the detail is for clinicians)."""


@dataclass(frozen=True, slots=True)
class TodayItem:
    item: PlanItem
    done: bool
    """Logged today (done, or stopped because it hurt)."""


@dataclass(frozen=True, slots=True)
class TodayView:
    patient: PatientRead
    today: dt.date
    heading: str
    """'Wednesday 15 May'."""
    has_plan: bool
    """False before the first assessment."""
    safety: TriageResult | None
    """The triage of a safety plan (see a doctor now or today): shown first and alone."""
    items: tuple[TodayItem, ...]
    minutes: int
    next_item: PlanItem | None
    """The first item not done today; None when all are done or none is due."""
    checkin_pain: int | None
    """Today's check-in's pain, None before it."""
    week_words: str | None
    """This week's sessions in words, e.g. '2 of 3 exercise sessions'."""
    alerts: tuple[str, ...]
    relief_until: dt.date | None
    openings: tuple[BreakGlassRead, ...]

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)


def week_of(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the calendar week holding ``today``."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def week_words(schedule: Schedule, history: History, today: dt.date) -> str:
    """This week's sessions done against those the person's plan asks for this week, counted
    as the weekly review counts them (domain.adherence)."""
    monday, sunday = week_of(today)
    return describe(adherence(history, schedule, monday, sunday))


def today_view(
    session: Session, *, patient: PatientRead, knowledge: Knowledge, today: dt.date
) -> TodayView:
    """Everything the today page shows, read for today and this week."""
    monday, _ = week_of(today)
    history = daily_history(session, patient_id=patient.id, since=monday, until=today)
    checkins = history.checkins_between(today, today)
    empty = TodayView(
        patient=patient,
        today=today,
        heading=long_date(today),
        has_plan=False,
        safety=None,
        items=(),
        minutes=0,
        next_item=None,
        checkin_pain=checkins[-1].pain_now if checkins else None,
        week_words=None,
        alerts=tuple(ALERT_WORDS[k] for k in open_alert_kinds(session, patient_id=patient.id)),
        relief_until=None,
        openings=tuple(openings_of(session, patient_id=patient.id)),
    )
    row = current_plan_text(session, patient.id)
    if row is None:
        return empty
    # The stored plan was checked against the plan contract when it was written and is never
    # updated: only the parts this page shows are read from it (today's items, the week, the
    # triage), since checking all of a 60 KB plan again took most of this page's time.
    plan: dict[str, Any] = json.loads(row.plan)
    if plan["triage"]["level"] in {level.value for level in SAFETY_ONLY}:
        return replace(empty, has_plan=True, safety=TriageResult.model_validate(plan["triage"]))
    week: dict[str, list[str]] = plan["week"]
    by_id = {item["id"]: item for item in plan["items"]}
    code = DAYS[today.weekday()]
    todays = tuple(PlanItem.model_validate(by_id[i]) for i in week.get(code, []) if i in by_id)
    done = {log.item_id for log in history.logs_between(today, today)}
    items = tuple(TodayItem(item, item.id in done) for item in todays)
    posture = frozenset(i for i, item in by_id.items() if item["kind"] == Kind.posture.value)
    kinds = {i: Kind(item["kind"]) for i, item in by_id.items()}
    schedule = schedule_of_week(week, knowledge.catalog, posture=posture, kinds=kinds)
    relief: dt.date | None = row.flare_until
    return replace(
        empty,
        has_plan=True,
        items=items,
        minutes=session_minutes(todays),
        next_item=next((i.item for i in items if not i.done), None),
        week_words=week_words(schedule, history, today),
        relief_until=relief if relief is not None and relief >= today else None,
    )
