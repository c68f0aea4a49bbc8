"""The guided session: today's items step by step, logging each, and 'this hurts — stop'."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError

from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import DAYS
from backcare.domain.session_length import day_minutes
from backcare.errors import InvalidInputError
from backcare.tracking.schemas import SessionLogCreate
from backcare.tracking.service import items_done_on, record_session
from backcare.web.deps import (
    KnowledgeDep,
    PatientId,
    PicturesDep,
    ReadSessionDep,
    SessionDep,
    TodayDep,
)
from backcare.web.idempotency import once_page
from backcare.web.pages.common import (
    FormDep,
    Reader,
    Writer,
    first,
    patient_or_404,
    render,
    see_other,
)
from backcare.web.queries import require_plan
from backcare.web.session_script import script_json, todays_items
from backcare.web.wording import DAY_NAMES

router = APIRouter()
STOP_REASON = "It hurt, so the person stopped (the session player's stop button)."
Day = Annotated[str | None, Query(pattern="^(mon|tue|wed|thu|fri|sat|sun)$")]


def _day_date(today: dt.date, code: str | None) -> dt.date:
    """The date of weekday ``code`` in this week (today when not given)."""
    if code is None:
        return today
    return today + dt.timedelta(days=DAYS.index(code) - today.weekday())


@router.get("/patients/{patient_id}/session")
def session_page(
    request: Request,
    patient_id: PatientId,
    _actor: Reader,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
    pictures: PicturesDep,
    today: TodayDep,
    day: Day = None,
    done: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """Today's items (or another day's), with a timer for each step when JavaScript runs."""
    patient = patient_or_404(session, patient_id)
    plan = require_plan(session, patient_id=patient_id).as_plan()
    if plan.triage.level in SAFETY_ONLY:
        # No exercise until a doctor has seen the person: the session page says so instead.
        context = {"patient": patient, "nav": "session", "triage": plan.triage}
        return render(request, "instruction.html", {**context, "safety_items": plan.items})
    code = day or DAYS[today.weekday()]
    items = todays_items(plan, knowledge.catalog, _day_date(today, day), pictures)
    # Logs are dated the day they were done, so "done" means done today, whichever day's
    # session this is.
    done_today = items_done_on(session, patient_id=patient_id, day=today)
    context = {
        "patient": patient,
        "nav": "session",
        "items": items,
        "minutes": day_minutes(plan, code),
        "done_today": done_today,
        "day_name": DAY_NAMES[code],
        "other_days": [(d, DAY_NAMES[d]) for d in DAYS if plan.week.get(d)],
        "script": json.dumps(script_json(items, done_today)).replace("<", "\\u003c"),
        "today": today,
        "done": done,
    }
    return render(request, "session.html", context)


def _log(form: dict[str, list[str]], *, stopped: bool, today: dt.date) -> SessionLogCreate:
    try:
        return SessionLogCreate(
            date=first(form, "date") or today.isoformat(),
            item_id=first(form, "item_id"),
            duration_seconds=int(first(form, "seconds", "0") or 0),
            felt=int(first(form, "felt", "2" if stopped else "5") or 0),
            stopped_early=stopped,
            stop_reason=STOP_REASON if stopped else None,
        )
    except (ValueError, ValidationError) as error:
        raise InvalidInputError(f"session: the answers could not be used ({error}).") from error


@router.post("/patients/{patient_id}/session/log")
@once_page("session-log-form")
def log_item(
    request: Request,
    patient_id: PatientId,
    _actor: Writer,
    form: FormDep,
    session: SessionDep,
    today: TodayDep,
) -> Response:
    """Log one item as done (the form under each item when there is no player)."""
    data = _log(form, stopped=False, today=today)
    record_session(session, patient_id=patient_id, data=data)
    return see_other(request, f"/patients/{patient_id}/session?done={data.item_id}")


@router.post("/patients/{patient_id}/session/stop")
def stop(
    request: Request,
    patient_id: PatientId,
    _actor: Writer,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> Response:
    """'This hurts — stop': log the item as stopped early and suggest an easier version."""
    data = _log(form, stopped=True, today=today)
    patient = patient_or_404(session, patient_id)
    record_session(session, patient_id=patient_id, data=data)
    plan = require_plan(session, patient_id=patient_id).as_plan()
    # record_session refused an item not in the plan (409), so it is there.
    item = next(i for i in plan.items if i.id == data.item_id)
    easier = [knowledge.catalog[r] for r in item.regression if r in knowledge.catalog]
    context = {"patient": patient, "nav": "session", "item": item, "easier": easier}
    return render(request, "session_stopped.html", context)
