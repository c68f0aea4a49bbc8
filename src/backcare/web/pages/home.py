"""The start page: begin an assessment, or go back to a plan."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backcare.patients.service import list_patients
from backcare.web.deps import ReadSessionDep
from backcare.web.pages.common import render

router = APIRouter()
SHOWN = 50


@router.get("/")
def home(request: Request, session: ReadSessionDep) -> Response:
    """Start, or continue with someone already here."""
    patients = list_patients(session, limit=SHOWN + 1)
    context = {"patients": patients[:SHOWN], "more": len(patients) > SHOWN}
    return render(request, "home.html", context)
