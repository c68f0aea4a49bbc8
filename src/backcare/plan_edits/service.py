"""Plan-edit use cases: edit (a new version, checked by the safety rules), and the history.

Services take a Session and never commit. The patient row is locked first, so two edits of one
plan run one after the other; each names the version it was based on, and an edit based on an
older version than the current one is refused (409) rather than silently overwriting it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor
from backcare.accounts.repository import account_by_id
from backcare.assessments import repository as plans
from backcare.assessments.models import PlanVersion
from backcare.assessments.schemas import PlanVersionCreate, PlanVersionRead
from backcare.assessments.service import ASSESSMENT_REASON, add_plan_version, latest_assessment
from backcare.audit.schemas import AuditAction
from backcare.domain.adapt.replan import person_for
from backcare.domain.intake import Intake
from backcare.domain.vocabulary import Contra
from backcare.errors import ConflictError, InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients.service import require_patient
from backcare.plan_edits.edits import Author, Custom, Proposed, custom_item, propose
from backcare.plan_edits.kept import Kept
from backcare.plan_edits.models import CustomExercise, PlanEdit
from backcare.plan_edits.rules import Refusal
from backcare.plan_edits.schemas import (
    CustomExerciseCreate,
    OverrideRead,
    PlanEditCreate,
    PlanEditRead,
)

PROFESSION_WORDS = {
    "physiotherapist": "physiotherapist",
    "massage_therapist": "massage therapist",
    "chiropractor_or_osteopath": "chiropractor or osteopath",
    "doctor": "doctor",
    "nurse": "nurse",
    "psychologist": "psychologist",
}


class StalePlanError(ConflictError):
    """The edit was based on an older version than the current one (HTTP 409)."""

    def __init__(self, current: PlanVersionRead, based_on: int) -> None:
        super().__init__(
            f"based_on_version: the plan changed while you were editing it. You edited version "
            f"{based_on}; the current one is version {current.version}, made by "
            f"{current.created_by}. Look at it, then make your change again on top of it."
        )
        self.current = current


class PlanEditRefusedError(InvalidInputError):
    """A safety rule refused the edit (HTTP 422, each sentence naming its rule)."""

    def __init__(self, refusals: Sequence[Refusal]) -> None:
        super().__init__("operations: " + " ".join(r.sentence for r in refusals))
        self.refusals = list(refusals)


def profession_words(profession: str | None) -> str:
    """How a profession reads beside a name ('clinician' when there is none)."""
    if profession is None:
        return "clinician"
    return PROFESSION_WORDS.get(profession, profession.replace("_", " "))


def edit_plan(
    session: Session,
    *,
    patient_id: str,
    data: PlanEditCreate,
    actor: Actor,
    knowledge: Knowledge,
    today: dt.date,
    source: str,
    now: dt.datetime,
) -> PlanEditRead:
    """Check the edit against the safety rules and store it as the next plan version."""
    require_patient(session, patient_id=patient_id, lock=True)
    current_row = plans.current_plan(session, patient_id)
    if current_row is None:
        raise InvalidInputError(
            "plan: this person has no plan yet; a plan comes from their first assessment."
        )
    current = PlanVersionRead.model_validate(current_row)
    if data.based_on_version != current.version:
        raise StalePlanError(current, data.based_on_version)
    assessment = latest_assessment(session, patient_id=patient_id)
    if assessment is None:  # a plan always comes from an assessment; kept for the type checker
        raise InvalidInputError("plan: this person has no assessment to check the edit against.")
    intake = Intake.model_validate(assessment.intake)
    person = person_for(intake, assessed_on=assessment.created_at.date(), today=today)
    profession = _profession(session, actor)
    author = Author(actor.name, profession_words(profession), data.reason)
    proposed = propose(
        current.as_plan(),
        data.operations,
        catalog=knowledge.catalog,
        customs=customs_of(session, patient_id),
        person=person,
        author=author,
        kept=live_kept(session, patient_id=patient_id),
    )
    overrides = _resolve(proposed, data)
    for code, exercise in proposed.new_customs:
        session.add(
            CustomExercise(
                patient_id=patient_id,
                code=code,
                kind=exercise.kind.value,
                title=exercise.title,
                summary=exercise.summary,
                steps=list(exercise.steps),
                dose=exercise.dose,
                minutes=exercise.minutes,
                contraindications=[code.value for code in exercise.contraindications],
                cautions=list(exercise.cautions),
                created_by=actor.name,
                created_at=now,
            )
        )
    reason = f"Changed by {actor.name} ({author.role_words}): {data.reason}"
    version = add_plan_version(
        session,
        patient_id=patient_id,
        data=PlanVersionCreate(plan=proposed.plan, created_by=actor.name, reason=reason[:4000]),
        at=now,
    )
    row = PlanEdit(
        patient_id=patient_id,
        version=version.version,
        based_on_version=current.version,
        author_id=actor.account_id,
        author_name=actor.name,
        profession=profession,
        reason=data.reason,
        changes=[change.model_dump(mode="json") for change in proposed.changes],
        overrides=[override.model_dump(mode="json") for override in overrides],
        kept=proposed.kept.as_json(),
        created_at=now,
    )
    session.add(row)
    session.flush()
    for override in overrides:
        # The rule and item only: the clinician's reason is clinical text, kept in the record.
        trail.write(
            session,
            actor=actor,
            action=AuditAction.plan_override,
            patient_id=patient_id,
            source=source,
            now=now,
            detail=f"plan version {version.version}: {override.rule} for {override.item_id}",
        )
    return PlanEditRead.model_validate(row)


def _resolve(proposed: Proposed, data: PlanEditCreate) -> list[OverrideRead]:
    """The overrides that lift refusals; PlanEditRefusedError for any refusal still standing."""
    given = {(o.rule, o.item_id): o for o in data.overrides}
    standing: list[Refusal] = []
    used: list[OverrideRead] = []
    for refusal in proposed.refusals:
        override = given.pop((refusal.rule.value, refusal.item_id), None)
        if override is None or not refusal.overridable:
            standing.append(refusal)
            continue
        used.append(
            OverrideRead(
                rule=refusal.rule.value,
                item_id=refusal.item_id,
                sentence=refusal.sentence,
                finding=refusal.finding,
                reason=override.reason,
            )
        )
    if standing:
        raise PlanEditRefusedError(standing)
    if given:
        rule, item_id = next(iter(given))
        raise InvalidInputError(
            f"overrides: there is nothing to override for rule {rule!r} and item {item_id!r}; "
            "an override is recorded only for a rule the edit would break."
        )
    return used


def _profession(session: Session, actor: Actor) -> str | None:
    if actor.account_id is None:
        return None
    account = account_by_id(session, actor.account_id)
    return None if account is None else account.profession


def customs_of(session: Session, patient_id: str) -> dict[str, Custom]:
    """The custom exercises written for this person, as plan items, by id."""
    rows = session.scalars(
        select(CustomExercise)
        .where(CustomExercise.patient_id == patient_id)
        .order_by(CustomExercise.id)
    )
    out: dict[str, Custom] = {}
    for row in rows:
        exercise = _exercise_of(row)
        item = custom_item(row.code, exercise, "")
        out[row.code] = Custom(item, tuple(Contra(code) for code in row.contraindications))
    return out


def _exercise_of(row: CustomExercise) -> CustomExerciseCreate:
    return CustomExerciseCreate(
        kind=row.kind,
        title=row.title,
        summary=row.summary,
        steps=row.steps,
        dose=row.dose,
        minutes=row.minutes,
        contraindications=row.contraindications,
        cautions=row.cautions,
    )


def live_kept(session: Session, *, patient_id: str) -> Kept:
    """What clinicians' edits keep, unless a new assessment has started a fresh plan since."""
    latest = session.scalars(
        select(PlanEdit)
        .where(PlanEdit.patient_id == patient_id)
        .order_by(PlanEdit.version.desc())
        .limit(1)
    ).first()
    if latest is None:
        return Kept()
    reassessed = session.scalar(
        select(
            exists().where(
                PlanVersion.patient_id == patient_id,
                PlanVersion.version > latest.version,
                PlanVersion.reason == ASSESSMENT_REASON,
            )
        )
    )
    return Kept() if reassessed else Kept.from_json(latest.kept)


def history(session: Session, *, patient_id: str) -> list[PlanEditRead]:
    """Every clinician's edit of the plan, newest first."""
    require_patient(session, patient_id=patient_id)
    rows = session.scalars(
        select(PlanEdit).where(PlanEdit.patient_id == patient_id).order_by(PlanEdit.version.desc())
    )
    return [PlanEditRead.model_validate(row) for row in rows]


def overrides_since_assessment(session: Session, *, patient_id: str) -> list[PlanEditRead]:
    """The edits with overrides since the latest assessment, newest first (the plan page
    shows them to everyone who reads the plan)."""
    assessed = session.scalar(
        select(func.max(PlanVersion.version)).where(
            PlanVersion.patient_id == patient_id, PlanVersion.reason == ASSESSMENT_REASON
        )
    )
    return [
        edit
        for edit in history(session, patient_id=patient_id)
        if edit.overrides and (assessed is None or edit.version > assessed)
    ]
