"""The weekly questionnaires: PEG (pain, enjoyment, activity) and the person's own activities."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from backcare.domain.adapt.outcome import long_date
from backcare.jobs.repository import latest_run
from backcare.jobs.schemas import ReviewRunRead
from backcare.tracking.schemas import MeasureCreate, Peg, Psfs
from backcare.tracking.service import list_measures, record_measure
from backcare.tracking.vocabulary import MeasureKind
from backcare.web.deps import PatientId, ReadSessionDep, SessionDep, TodayDep
from backcare.web.pages.common import (
    Form,
    FormDep,
    Reader,
    Writer,
    first,
    patient_or_404,
    render,
    see_other,
)

router = APIRouter()
PSFS_ROWS = 5
PEG_QUESTIONS = (
    (
        "pain",
        "Over the past week, what number best describes your pain on average?",
        "0 is no pain, 10 is as bad as you can imagine",
    ),
    (
        "enjoyment",
        "Over the past week, how much has pain got in the way of enjoying life?",
        "0 is not at all, 10 is completely",
    ),
    (
        "activity",
        "Over the past week, how much has pain got in the way of your general activity?",
        "0 is not at all, 10 is completely",
    ),
)


def _last_activities(session: Any, patient_id: str) -> list[str]:
    rows = list_measures(session, patient_id=patient_id, kind=MeasureKind.PSFS.value)
    return [a["activity"] for a in rows[-1].value["activities"]] if rows else []


def _last_review(session: Any, patient_id: str) -> ReviewRunRead | None:
    """The latest weekly review the scheduler ran: what the person sees without asking."""
    run = latest_run(session, patient_id=patient_id)
    return None if run is None else ReviewRunRead.model_validate(run)


def _context(
    patient: Any, today: Any, activities: list[str], review: ReviewRunRead | None, **extra: Any
) -> dict[str, Any]:
    names = (activities + [""] * PSFS_ROWS)[:PSFS_ROWS]
    return {
        "patient": patient,
        "last_review": review,
        "last_review_day": "" if review is None else long_date(review.week_ending),
        "nav": "checkin",
        "today": today,
        "peg_questions": PEG_QUESTIONS,
        "activities": names,
        "errors": [],
        **extra,
    }


@router.get("/patients/{patient_id}/weekly")
def weekly_page(
    request: Request,
    patient_id: PatientId,
    _actor: Reader,
    session: ReadSessionDep,
    today: TodayDep,
) -> Response:
    """PEG and PSFS; last time's activities are filled in so the same ones are rated."""
    patient = patient_or_404(session, patient_id)
    activities = _last_activities(session, patient_id)
    review = _last_review(session, patient_id)
    return render(request, "weekly.html", _context(patient, today, activities, review))


def _measures(form: Form, today: Any) -> list[MeasureCreate]:
    day = first(form, "date") or today.isoformat()
    peg = Peg.model_validate({name: first(form, name) for name, _, _ in PEG_QUESTIONS})
    out = [MeasureCreate.model_validate({"date": day, "value": peg})]
    rated = [
        {"activity": first(form, f"activity-{n}"), "score": first(form, f"score-{n}")}
        for n in range(1, PSFS_ROWS + 1)
        if first(form, f"activity-{n}").strip()
    ]
    if rated:
        psfs = Psfs.model_validate({"activities": rated})
        out.append(MeasureCreate.model_validate({"date": day, "value": psfs}))
    return out


@router.post("/patients/{patient_id}/weekly")
def submit_weekly(
    request: Request,
    patient_id: PatientId,
    _actor: Writer,
    form: FormDep,
    session: SessionDep,
    today: TodayDep,
) -> Response:
    """Store PEG (and PSFS when activities were named), then show progress."""
    patient = patient_or_404(session, patient_id)
    try:
        measures = _measures(form, today)
    except ValidationError as error:
        names = [first(form, f"activity-{n}") for n in range(1, PSFS_ROWS + 1)]
        problems = [str(p["msg"]).removeprefix("Value error, ") for p in error.errors()]
        review = _last_review(session, patient_id)
        context = _context(patient, today, names, review, errors=problems)
        return render(request, "weekly.html", context)
    for data in measures:
        record_measure(session, patient_id=patient_id, data=data, today=today)
    return see_other(request, f"/patients/{patient_id}/progress")
