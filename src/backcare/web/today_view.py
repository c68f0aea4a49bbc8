"""The today page's view: what the plan holds today, what to do next, the check-in, the week.

Everything is read for today and this week only (never the whole history), so the page stays
fast for a person with years of data. The session length comes from
``domain.session_length`` and the week's sessions from ``domain.adherence``, as the plan page
and the weekly review count them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from backcare.access.break_glass import BreakGlassRead, openings_of
from backcare.assessments import repository as plan_rows
from backcare.assessments.schemas import PlanVersionRead
from backcare.domain.adapt.outcome import long_date
from backcare.domain.adherence import adherence, describe, schedule_of
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import DAYS, Plan, PlanItem, TriageResult
from backcare.domain.session_length import day_items, day_minutes
from backcare.domain.tracking import History
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from backcare.tracking.history import daily_history
from backcare.tracking.schemas import CheckInRead
from backcare.tracking.service import list_alerts, todays_checkin
from backcare.tracking.vocabulary import AlertKind

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
    version: PlanVersionRead | None
    """The current plan version; None before the first assessment."""
    safety: TriageResult | None
    """The triage of a safety plan (see a doctor now or today): shown first and alone."""
    items: tuple[TodayItem, ...]
    minutes: int
    next_item: PlanItem | None
    """The first item not done today; None when all are done or none is due."""
    checkin: CheckInRead | None
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


def week_words(plan: Plan, knowledge: Knowledge, history: History, today: dt.date) -> str:
    """This week's sessions done against those the person's plan asks for this week."""
    monday, sunday = week_of(today)
    return describe(adherence(history, schedule_of(plan, knowledge.catalog), monday, sunday))


def today_view(
    session: Session, *, patient: PatientRead, knowledge: Knowledge, today: dt.date
) -> TodayView:
    """Everything the today page shows, read for today and this week."""
    row = plan_rows.current_plan(session, patient.id)
    version = None if row is None else PlanVersionRead.model_validate(row)
    checkin = todays_checkin(session, patient_id=patient.id, today=today)
    empty = TodayView(
        patient=patient,
        today=today,
        heading=long_date(today),
        version=version,
        safety=None,
        items=(),
        minutes=0,
        next_item=None,
        checkin=checkin,
        week_words=None,
        alerts=tuple(ALERT_WORDS[kind] for kind in _open_alert_kinds(session, patient.id)),
        relief_until=None,
        openings=tuple(openings_of(session, patient_id=patient.id)),
    )
    if version is None:
        return empty
    plan = version.as_plan()
    if plan.triage.level in SAFETY_ONLY:
        return replace(empty, safety=plan.triage)
    monday, _ = week_of(today)
    history = daily_history(session, patient_id=patient.id, since=monday, until=today)
    done = {log.item_id for log in history.logs_between(today, today)}
    code = DAYS[today.weekday()]
    items = tuple(TodayItem(item, item.id in done) for item in day_items(plan, code))
    relief = version.flare_until
    return replace(
        empty,
        items=items,
        minutes=day_minutes(plan, code),
        next_item=next((i.item for i in items if not i.done), None),
        week_words=week_words(plan, knowledge, history, today),
        relief_until=relief if relief is not None and relief >= today else None,
    )


def _open_alert_kinds(session: Session, patient_id: str) -> list[AlertKind]:
    """The kinds of the open alerts, each once, in the order they were first raised (a
    clinician resolves alerts; the person needs to read each kind once)."""
    alerts = list_alerts(session, patient_id=patient_id, open_only=True)
    return list(dict.fromkeys(alert.kind for alert in alerts))
