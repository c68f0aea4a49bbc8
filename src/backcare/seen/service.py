"""Leaving the emergency or urgent plan.

The person reports "I have been seen" (by whom, when, what they were told) and answers the
warning questions again. Triage runs on those answers (domain.safety_exit); while it is still
at emergency or urgent level the safety plan stays and the report is refused (SAFETY.md H-100).
With a care team, a clinician in it then confirms, recording who and why, and triage runs again
on the answers as they are at that moment (H-101); a report overtaken by a newer assessment,
warning answer or plan is refused and must be made again (H-103). With no team, the report and
the re-triage alone decide, and the new plan says so (H-102), unless the person is still
waiting for results (H-104). Either way the usual plan comes back through the same planner as
every assessment, as a new assessment and plan version.

When only a history answer keeps the plan (a past cancer, domain.history_flags), confirming
the report records that history as assessed by a doctor (the clinician, or with no team the
person ticking that the doctor knew of it); the plan then follows current signs while still
showing the history (H-233, H-234).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor
from backcare.adaptation.record import aged_intake
from backcare.adaptation.state import CareState, require_state
from backcare.assessments import service as assessments
from backcare.assessments.schemas import PlanVersionCreate
from backcare.audit.schemas import AuditAction
from backcare.domain.adapt.replan import with_explanation
from backcare.domain.history_flags import AssessedFlag
from backcare.domain.plan.builder import SAFETY_ONLY, build_plan
from backcare.domain.plan_model import TriageResult
from backcare.domain.safety_exit import (
    Blocked,
    answered_again,
    exit_triage,
    may_leave,
    to_assess,
    what_blocks,
)
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.knowledge.loader import Knowledge
from backcare.seen import history, repository
from backcare.seen.models import SeenReport
from backcare.seen.schemas import SeenDecision, SeenReportCreate, SeenReportRead
from backcare.seen.vocabulary import (
    SEEN_BY_WORDS,
    UNSETTLED,
    Confirmer,
    ReportStatus,
    SeenBy,
    SeenOutcome,
)
from backcare.team import repository as team
from backcare.tracking.schemas import AlertCreate
from backcare.tracking.service import raise_alert
from backcare.tracking.vocabulary import AlertKind, WarningSymptom

ASKED = tuple(code.value for code in WarningSymptom)
"""The warning questions answered again: every one a check-in asks."""
AUTHOR_CONFIRMED = "seen-confirmed"
AUTHOR_WITHOUT_TEAM = "seen-report"
STILL_WARNING = (
    "Your answers still show a warning sign that needs a doctor, so your safety plan stays. "
    "{action} Tell us about it in today's check-in too, so your care team is alerted."
)
WAITING_WORDS = (
    "Thank you. Your care team has been asked to confirm it. Until a clinician does, your "
    "safety plan stays."
)
HISTORY_TO_CONFIRM = (
    "Your safety plan was set by something in your history, not by a warning sign now: "
    "{history}. Did the doctor who saw you know about it and check your back with it in mind? "
    "If so, tick that box and send this again. If you are not sure, keep to your safety plan "
    "and ask the doctor, or ask a clinician to join your care team."
)
HISTORY_ASSESSED = (
    "A doctor has checked you with your history in mind ({history}): it is still shown, but on "
    "its own it no longer keeps you on the safety plan. A new warning sign brings it back."
)
MESSAGES: dict[ReportStatus, str] = {
    ReportStatus.WAITING: WAITING_WORDS,
    ReportStatus.CONFIRMED: "A clinician confirmed it: your usual plan is back.",
    ReportStatus.DECLINED: "A clinician asked you to stay on the safety plan for now.",
    ReportStatus.LIFTED_WITHOUT_TEAM: (
        "Your answers no longer show a warning sign, so your usual plan is back. No clinician "
        "confirmed this: you have no care team, so the check of your answers alone decided."
    ),
}


def report_seen(
    session: Session,
    *,
    patient_id: str,
    data: SeenReportCreate,
    by: Actor,
    source: str,
    now: dt.datetime,
    today: dt.date,
    knowledge: Knowledge,
) -> SeenReportRead:
    """Store the report; with no care team, lift the safety plan when triage allows it."""
    state = _on_safety_plan(session, patient_id)
    _check_day(data.seen_on, state, today)
    if repository.waiting(session, patient_id) is not None:
        raise ConflictError(
            "You have already said you were seen; your care team has been asked to confirm it."
        )
    yes = [code.value for code in data.warnings]
    assessed = history.assessed_of(session, patient_id=patient_id)
    result = exit_triage(state.intake, ASKED, yes, knowledge, assessed)
    blocked = (
        what_blocks(state.intake, ASKED, yes, knowledge, assessed)
        if not may_leave(result)
        else Blocked(())
    )
    if not may_leave(result) and not blocked.only_history:
        raise ConflictError(STILL_WARNING.format(action=result.action))
    has_team = bool(team.live_grants(session, patient_id))
    if not has_team and data.outcome in UNSETTLED:
        raise ConflictError(
            "While you wait for test results, your safety plan stays. Tell us again once you "
            "have them, or ask a clinician to join your care team."
        )
    if not has_team and blocked.only_history and not data.history_assessed:
        raise ConflictError(HISTORY_TO_CONFIRM.format(history=_labels(blocked)))
    row = SeenReport(
        patient_id=patient_id,
        plan_version=state.version.version,
        seen_by=data.seen_by.value,
        seen_on=data.seen_on,
        outcome=data.outcome.value,
        status=ReportStatus.WAITING.value,
        reported_by=by.name,
        reported_at=now,
    )
    repository.add(session, row)
    if has_team:
        summary = "says a doctor has seen them; please confirm or decline"
        detail = {"summary": summary, "seen_report": row.id}
        raise_alert(
            session,
            patient_id=patient_id,
            data=AlertCreate(kind=AlertKind.clinician_review, detail=detail),
            at=now,
        )
    else:
        if blocked.only_history:
            confirmed = (Confirmer.PERSON, by, now)
            assessed += _assessed_now(session, state, row, yes, blocked, knowledge, confirmed)
        _lift(
            session,
            state,
            row,
            by,
            now,
            today,
            knowledge,
            status=ReportStatus.LIFTED_WITHOUT_TEAM,
            assessed=assessed,
        )
    _log(
        session,
        by,
        patient_id,
        source,
        now,
        AuditAction.seen_report,
        f"report {row.id} {row.status}",
    )
    return read(row)


def decide_seen(
    session: Session,
    *,
    patient_id: str,
    report_id: int,
    data: SeenDecision,
    by: Actor,
    source: str,
    now: dt.datetime,
    today: dt.date,
    knowledge: Knowledge,
) -> SeenReportRead:
    """A clinician in the team confirms (lifting the safety plan) or declines, saying why."""
    reason = data.reason.strip()
    if len(reason) < 3:
        raise InvalidInputError("reason: say in a few words why.")
    row = repository.report(session, patient_id, report_id)
    if row is None:
        raise NotFoundError(f"This record has no report {report_id}.")
    if row.status != ReportStatus.WAITING:
        raise ConflictError(f"This report was already {row.status}; it is decided once.")
    if not data.confirm:
        row.status = ReportStatus.DECLINED.value
        _decided(row, by, now, reason)
    else:
        state = _on_safety_plan(session, patient_id)
        if state.version.version != row.plan_version or repository.news_since(
            session, patient_id, row.reported_at
        ):
            raise ConflictError(
                "Something new was recorded after this report (an answer, an assessment or a "
                "plan), so it cannot be confirmed; ask the person to report again."
            )
        assessed = history.assessed_of(session, patient_id=patient_id)
        result = exit_triage(state.intake, ASKED, (), knowledge, assessed)
        if not may_leave(result):
            blocked = what_blocks(state.intake, ASKED, (), knowledge, assessed)
            if not blocked.only_history:
                raise ConflictError(
                    "A red flag still fires on the person's latest answers, so the safety plan "
                    f"stays: {_flags(result)}."
                )
            # Only the history holds the plan: confirming the report confirms a doctor
            # assessed it (the clinician's reason says so, and the plan shows it).
            confirmed = (Confirmer.CLINICIAN, by, now)
            assessed += _assessed_now(session, state, row, (), blocked, knowledge, confirmed)
        _decided(row, by, now, reason)
        _lift(
            session,
            state,
            row,
            by,
            now,
            today,
            knowledge,
            status=ReportStatus.CONFIRMED,
            assessed=assessed,
        )
    session.flush()
    _log(
        session,
        by,
        patient_id,
        source,
        now,
        AuditAction.seen_decision,
        f"report {row.id} {row.status}",
    )
    return read(row)


def reports_of(session: Session, *, patient_id: str) -> list[SeenReportRead]:
    """The record's reports, newest first."""
    return [read(row) for row in repository.reports_of(session, patient_id)]


def read(row: SeenReport) -> SeenReportRead:
    """A report as the API and pages show it."""
    status = ReportStatus(row.status)
    return SeenReportRead(
        id=row.id,
        plan_version=row.plan_version,
        seen_by=SeenBy(row.seen_by),
        seen_on=row.seen_on,
        outcome=SeenOutcome(row.outcome),
        status=status,
        reported_by=row.reported_by,
        reported_at=row.reported_at,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decision_reason=row.decision_reason,
        new_plan_version=row.new_plan_version,
        message=MESSAGES[status],
    )


def has_team(session: Session, *, patient_id: str) -> bool:
    """Whether the person has a care team (a clinician then confirms a report)."""
    return bool(team.live_grants(session, patient_id))


def history_in_the_way(session: Session, *, patient_id: str, knowledge: Knowledge) -> list[str]:
    """The history-only red flags that alone keep the person's safety plan, in their words
    (the page asks the person, or tells the clinician, about them); empty when none do."""
    if not on_safety_plan(session, patient_id=patient_id):
        return []
    state = require_state(session, patient_id=patient_id)
    assessed = history.assessed_of(session, patient_id=patient_id)
    return [
        rule.label for rule in what_blocks(state.intake, ASKED, (), knowledge, assessed).history
    ]


def on_safety_plan(session: Session, *, patient_id: str) -> bool:
    """Whether the person's current plan is an emergency or urgent safety plan."""
    plan = assessments.current_plan(session, patient_id=patient_id)
    return plan is not None and plan.as_plan().triage.level in SAFETY_ONLY


def _on_safety_plan(session: Session, patient_id: str) -> CareState:
    state = require_state(session, patient_id=patient_id)
    if state.plan.triage.level not in SAFETY_ONLY:
        raise ConflictError(
            "This plan is not an emergency or urgent safety plan, so there is nothing to lift."
        )
    return state


def _check_day(seen_on: dt.date, state: CareState, today: dt.date) -> None:
    if seen_on > today:
        raise InvalidInputError(f"seen_on: {seen_on.isoformat()} is after today.")
    began = state.version.created_at.date()
    if seen_on < began:
        raise InvalidInputError(
            f"seen_on: {seen_on.isoformat()} is before your safety plan began "
            f"({began.isoformat()}); tell us about a visit since then."
        )


def _decided(row: SeenReport, by: Actor, now: dt.datetime, reason: str) -> None:
    row.decided_by, row.decided_at, row.decision_reason = by.name, now, reason


def _lift(
    session: Session,
    state: CareState,
    row: SeenReport,
    by: Actor,
    now: dt.datetime,
    today: dt.date,
    knowledge: Knowledge,
    *,
    status: ReportStatus,
    assessed: Sequence[AssessedFlag] = (),
) -> None:
    """The usual plan, from the answers given again, through the same planner as every
    assessment (weighing the history a doctor assessed); stored as a new assessment and plan
    version."""
    intake = aged_intake(
        answered_again(state.intake, ASKED, ()), assessed_on=state.assessed_on, day=today
    )
    plan = build_plan(intake, knowledge, assessed)
    if plan.triage.level in SAFETY_ONLY:  # the same triage as exit_triage; never lift on it
        raise ConflictError("A red flag still fires on the latest answers; the plan stays.")
    seen = f"{SEEN_BY_WORDS[SeenBy(row.seen_by)]} saw you on {row.seen_on.isoformat()}."
    if status is ReportStatus.CONFIRMED:
        why = f"{seen} {by.name} confirmed it: {row.decision_reason}"
        author = AUTHOR_CONFIRMED
    else:
        why = f"{seen} {MESSAGES[ReportStatus.LIFTED_WITHOUT_TEAM]}"
        author = AUTHOR_WITHOUT_TEAM
    noted = [flag.label for flag in plan.triage.red_flags if not flag.escalates]
    if any(flag.rule_id in {f.id for f in plan.triage.red_flags} for flag in assessed):
        why = f"{why} {HISTORY_ASSESSED.format(history='; '.join(noted))}"
    assessment = assessments.record_assessment(
        session,
        patient_id=state.patient_id,
        intake=intake,
        knowledge=knowledge,
        at=now,
        assessed=assessed,
    )
    version = assessments.add_plan_version(
        session,
        patient_id=state.patient_id,
        data=PlanVersionCreate(
            plan=with_explanation(plan, [why], today),
            created_by=author,
            reason=why[:500],
            assessment_id=assessment.id,
        ),
        at=now,
    )
    row.status = status.value
    row.new_plan_version = version.version


def _assessed_now(
    session: Session,
    state: CareState,
    row: SeenReport,
    yes: Sequence[str],
    blocked: Blocked,
    knowledge: Knowledge,
    confirmed: tuple[Confirmer, Actor, dt.datetime],
) -> list[AssessedFlag]:
    """Record the history-only rules that alone hold the plan as assessed by the doctor who saw
    the person on the report's day; ``confirmed``: by whom (the person, or the deciding
    clinician), who, and when."""
    confirmer, by, now = confirmed
    answers = answered_again(state.intake, ASKED, yes)
    flags = to_assess(answers, knowledge, blocked.history, on=row.seen_on, by=by.name)
    history.record(
        session,
        patient_id=state.patient_id,
        flags=flags,
        confirmed_by=confirmer,
        now=now,
        report_id=row.id,
    )
    return flags


def _labels(blocked: Blocked) -> str:
    return "; ".join(rule.label for rule in blocked.history)


def _flags(result: TriageResult) -> str:
    return ", ".join(flag.id for flag in result.red_flags if flag.escalates) or result.level.value


def _log(
    session: Session,
    by: Actor,
    patient_id: str,
    source: str,
    now: dt.datetime,
    action: AuditAction,
    what: str,
) -> None:
    trail.write(
        session, actor=by, action=action, patient_id=patient_id, source=source, now=now, detail=what
    )
