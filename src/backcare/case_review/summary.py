"""One person's page for a case review: pain against the important change, adherence, plan
changes since their last review, the team's notes, open alerts and referrals, and decisions.

What a plan-and-progress-only share opens is decided by the policy: the notes are asked for
as NOTE_READ, and left out (None) when the policy says no.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, can
from backcare.alerts.schemas import AlertStatus
from backcare.alerts.workflow import alerts_of
from backcare.case_review import checks, history, repository
from backcare.case_review.meetings import decision_read
from backcare.case_review.referrals import open_referrals
from backcare.case_review.schemas import (
    AttendeeRead,
    PlanChange,
    SummaryRead,
    Trend,
    WeekFigures,
)
from backcare.domain.progress import ImportantChange
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.notes.schemas import NoteRead
from backcare.notes.service import list_notes
from backcare.notes.vocabulary import Visibility
from backcare.tracking.progress import ProgressRead, progress_for

WEEKS_SHOWN = 12
"""Weeks of pain and adherence on the page: the last three months."""
CHANGES_SHOWN = 20
NOTES_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Summary:
    """The summary, and the progress report its charts are drawn from (None: no assessment)."""

    read: SummaryRead
    progress: ProgressRead | None


def summary(
    session: Session,
    *,
    meeting_id: int,
    patient_id: str,
    actor: Actor,
    knowledge: Knowledge,
    today: dt.date,
) -> Summary:
    """The person's page for the meeting, as far as the reader's share opens it."""
    row = checks.meeting_for(session, actor, meeting_id, Action.CASE_REVIEWS)
    facts = checks.require_record(session, actor, patient_id, Action.CASE_SUMMARY)
    checks.in_scope(row, patient_id)
    since = history.last_review_before(session, patient_id, row)
    after = None if since is None else _midnight_after(since)
    progress = _progress(session, patient_id, knowledge, min(today, row.held_on))
    notes = (
        _team_notes(session, patient_id, actor, after)
        if can(actor, Action.NOTE_READ, facts)
        else None
    )
    read = SummaryRead(
        meeting_id=row.id,
        patient_id=patient_id,
        name=repository.patient_name(session, patient_id),
        held_on=row.held_on,
        since=since,
        level=history.latest_level(session, patient_id),
        trend=None if progress is None else _trend(progress, knowledge),
        plan_changes=_plan_changes(session, patient_id, after),
        notes=notes,
        open_alerts=[
            alert
            for alert in alerts_of(session, patient_id=patient_id)
            if alert.status is not AlertStatus.RESOLVED
        ],
        open_referrals=open_referrals(session, patient_id=patient_id, actor=actor),
        decisions=[
            decision_read(found, held_on)
            for found, held_on, _title in repository.decisions(session, patient_id=patient_id)
        ],
        team=[
            AttendeeRead(username=name, profession=profession)
            for _id, name, profession in repository.team_members(session, patient_id)
        ],
        on_agenda=repository.item(session, row.id, patient_id) is not None,
        closed=row.closed_at is not None,
    )
    return Summary(read, progress)


def _midnight_after(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def _progress(
    session: Session, patient_id: str, knowledge: Knowledge, day: dt.date
) -> ProgressRead | None:
    try:
        return progress_for(session, patient_id=patient_id, today=day, knowledge=knowledge)
    except InvalidInputError:
        return None  # no assessment yet, or the meeting's day is before it


def _trend(progress: ProgressRead, knowledge: Knowledge) -> Trend:
    rule = ImportantChange.of(knowledge.thresholds)
    enough = knowledge.thresholds.min_readings.value
    weeks = []
    for week in progress.weeks[-WEEKS_SHOWN:]:
        judged = week.pain_mean is not None and week.readings >= enough
        mean = week.pain_mean if judged else None
        weeks.append(
            WeekFigures(
                week=week.week,
                pain_mean=week.pain_mean,
                readings=week.readings,
                improved=None if mean is None else rule.improved(progress.baseline_pain, mean),
                worsened=None if mean is None else rule.worsened(progress.baseline_pain, mean),
                done=week.done,
                planned=week.planned,
                adherence=week.adherence,
            )
        )
    return Trend(
        baseline_pain=progress.baseline_pain,
        important_points=progress.important_points,
        important_share=progress.important_share,
        weeks=weeks,
    )


def _plan_changes(session: Session, patient_id: str, after: dt.datetime | None) -> list[PlanChange]:
    return [
        PlanChange(
            version=row.version,
            made_at=row.created_at,
            author=row.author_name or row.created_by,
            profession=row.profession,
            reason=row.edit_reason or row.reason,
        )
        for row in history.plan_changes(session, patient_id, after, CHANGES_SHOWN)
    ]


def _team_notes(
    session: Session, patient_id: str, actor: Actor, after: dt.datetime | None
) -> list[NoteRead]:
    """Signed notes the whole team may read, since the last review (drafts and notes kept
    for their author stay out, even the reader's own)."""
    team = {Visibility.TEAM.value, Visibility.TEAM_AND_PERSON.value}
    notes = [
        note
        for note in list_notes(session, patient_id=patient_id, actor=actor)
        if note.signed_at is not None
        and note.visibility in team
        and (after is None or note.created_at >= after)
    ]
    return notes[:NOTES_SHOWN]
