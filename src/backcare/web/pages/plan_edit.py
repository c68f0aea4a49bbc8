"""Plan editing for clinicians, and the change history everyone in the person's care sees."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor
from backcare.assessments import service as assessments
from backcare.assessments.schemas import PlanVersionRead
from backcare.domain.vocabulary import Contra
from backcare.errors import InvalidInputError, NotFoundError
from backcare.knowledge.loader import Knowledge
from backcare.plan_edits import service
from backcare.plan_edits.rules import OVERRIDABLE, is_safety_plan
from backcare.plan_edits.schemas import CUSTOM_KINDS, PlanEditCreate
from backcare.plan_edits.service import PlanEditRefusedError, StalePlanError
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import KnowledgeDep, PatientId, ReadSessionDep, SessionDep, TodayDep
from backcare.web.pages.common import FormDep, PlanReader, patient_or_404, render, see_other
from backcare.web.plan_edit_form import edit_body, override_key, problems_of
from backcare.web.state import web_state

router = APIRouter()
Editor = Annotated[Actor, Depends(page_guard(Action.PLAN_EDIT))]
DAY_LABELS = (
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
)


def _current(session: Session, patient_id: str) -> PlanVersionRead:
    current = assessments.current_plan(session, patient_id=patient_id)
    if current is None:
        raise NotFoundError("This person has no plan yet: it comes from their first assessment.")
    return current


def _form_context(
    session: Session,
    patient_id: str,
    knowledge: Knowledge,
    *,
    current: PlanVersionRead,
    **extra: Any,
) -> dict[str, Any]:
    plan = current.as_plan()
    present = {item.id for item in plan.items}
    customs = service.customs_of(session, patient_id)
    choices = sorted(
        (entry.kind.value, entry.title, entry.id)
        for entry in knowledge.catalog.values()
        if entry.id not in present
    )
    return {
        "patient": patient_or_404(session, patient_id),
        "nav": "plan",
        "version": current,
        "plan": plan,
        "safety_plan": is_safety_plan(plan),
        "days": DAY_LABELS,
        "catalog_choices": choices,
        "custom_choices": [c.item for code, c in customs.items() if code not in present],
        "custom_kinds": sorted(kind.value for kind in CUSTOM_KINDS),
        "contra_codes": [(code.value, code.value.replace("_", " ")) for code in Contra],
        "values": {},
        "problems": [],
        "refusals": [],
        "stale": None,
        "override_key": override_key,
        **extra,
    }


@router.get("/patients/{patient_id}/plan/edit")
def plan_edit_page(
    request: Request,
    patient_id: PatientId,
    _actor: Editor,
    session: ReadSessionDep,
    knowledge: KnowledgeDep,
) -> Response:
    """The form a clinician changes the plan with: doses, days, items in and out, a reason."""
    current = _current(session, patient_id)
    context = _form_context(session, patient_id, knowledge, current=current)
    return render(request, "plan_edit.html", context)


@router.post("/patients/{patient_id}/plan/edit")
def submit_plan_edit(
    request: Request,
    patient_id: PatientId,
    actor: Editor,
    form: FormDep,
    session: SessionDep,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> Response:
    """Store the edit as a new version; refusals and conflicts re-render the form, saying why."""
    current = _current(session, patient_id)
    values = {key: value[0] if len(value) == 1 else value for key, value in form.items()}
    body = edit_body(form, current.as_plan())

    def again(status: int, **extra: Any) -> Response:
        context = _form_context(
            session, patient_id, knowledge, current=current, values=values, **extra
        )
        response = render(request, "plan_edit.html", context)
        response.status_code = status
        return response

    try:
        data = PlanEditCreate.model_validate(body)
    except ValidationError as error:
        return again(422, problems=problems_of(list(error.errors(include_url=False))))
    try:
        service.edit_plan(
            session,
            patient_id=patient_id,
            data=data,
            actor=actor,
            knowledge=knowledge,
            today=today,
            source=client_address(request),
            now=web_state(request).now(),
        )
    except StalePlanError as stale:
        # The form is drawn again from the newer version: nothing of the other change is lost.
        context = _form_context(session, patient_id, knowledge, current=stale.current)
        context["stale"] = str(stale).removeprefix("based_on_version: ")
        context["values"] = {"reason": values.get("reason", "")}
        response = render(request, "plan_edit.html", context)
        response.status_code = 409
        return response
    except PlanEditRefusedError as refused:
        rows = [
            {
                "rule": r.rule.value,
                "item_id": r.item_id,
                "sentence": r.sentence,
                "overridable": r.rule in OVERRIDABLE,
            }
            for r in refused.refusals
        ]
        return again(422, refusals=rows)
    except InvalidInputError as error:
        return again(422, problems=[str(error)])
    return see_other(request, f"/patients/{patient_id}/plan/history")


@router.get("/patients/{patient_id}/plan/history")
def plan_history_page(
    request: Request, patient_id: PatientId, actor: PlanReader, session: ReadSessionDep
) -> Response:
    """What changed in the plan, who changed it, in what role and why; every override."""
    patient = patient_or_404(session, patient_id)
    context = {
        "patient": patient,
        "nav": "plan",
        "edits": service.history(session, patient_id=patient_id),
        "versions": list(reversed(assessments.plan_history(session, patient_id=patient_id))),
        "profession_words": service.profession_words,
        "is_clinician": actor.kind.value == "clinician",
    }
    return render(request, "plan_history.html", context)
