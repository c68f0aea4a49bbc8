"""The progress page: pain against the baseline, PEG, adherence, and how the plan changed."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backcare.access.policy import Kind
from backcare.assessments import service as assessments
from backcare.domain.progress import week_start
from backcare.tracking.progress import ProgressRead, progress_for
from backcare.web.deps import KnowledgeDep, PatientId, ReadSessionDep, TodayDep
from backcare.web.pages.common import PlanReader, patient_or_404, render
from backcare.web.progress_view import (
    adherence_chart,
    pain_chart,
    peg_chart,
    plan_history,
    psfs_chart,
    week_events,
)

router = APIRouter()


@router.get("/patients/{patient_id}/progress")
def progress_page(
    request: Request,
    patient_id: PatientId,
    actor: PlanReader,
    session: ReadSessionDep,
    today: TodayDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Charts drawn on the server, each with its numbers in a table, and the plan history."""
    patient = patient_or_404(session, patient_id)
    base = {"patient": patient, "nav": "progress"}
    if assessments.first_assessment(session, patient_id=patient_id) is None:
        return render(request, "no_plan.html", base)
    report = progress_for(session, patient_id=patient_id, today=today, knowledge=knowledge)
    context = {
        **base,
        "report": report,
        "charts": {
            "pain": pain_chart(report),
            "peg": peg_chart(report),
            "adherence": adherence_chart(report),
            "psfs": psfs_chart(report),
        },
        "events": week_events(report),
        "answered_this_week": answered_this_week(report, today),
        "next_week": week_start(today) + dt.timedelta(days=7),
        "history": plan_history(assessments.plan_history(session, patient_id=patient_id)),
        "own_record": actor.kind is Kind.PERSON,
    }
    return render(request, "progress.html", context)


def answered_this_week(report: ProgressRead, today: dt.date) -> bool:
    """Whether this week's questions (PEG or the person's own activities) are answered."""
    monday = week_start(today)
    peg = any(week.week == monday and week.peg is not None for week in report.weeks)
    return peg or any(week_start(answer.day) == monday for answer in report.psfs)
