"""Case-review meetings: open one, read it with its agenda, keep attendees and minutes, close
it (read-only from then on), and amend a closed one by addendum. Each write is audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Action, Actor
from backcare.audit.schemas import AuditAction
from backcare.case_review import agenda, checks, repository
from backcare.case_review.figures import Window, agenda_figures
from backcare.case_review.models import CaseReview, CaseReviewAddendum, CaseReviewItem
from backcare.case_review.schemas import (
    AddendumCreate,
    AddendumRead,
    AgendaEntry,
    AttendeeRead,
    AttendeesUpdate,
    DecisionRead,
    MeetingCreate,
    MeetingRead,
    MeetingRow,
    MinutesUpdate,
)
from backcare.case_review.vocabulary import Reason
from backcare.domain.knowledge.thresholds import Thresholds
from backcare.errors import ConflictError, InvalidInputError, NotFoundError

EARLIEST = dt.timedelta(days=365)
"""How far back a meeting may be written up: a year."""
LATEST = dt.timedelta(days=28)
"""How far ahead a meeting may be opened: four weeks (its agenda fills in as the week goes)."""
LIST_LIMIT = 200


def open_new(
    session: Session,
    *,
    data: MeetingCreate,
    actor: Actor,
    today: dt.date,
    source: str,
    now: dt.datetime,
    thresholds: Thresholds,
) -> MeetingRead:
    """Open a meeting of a clinic the clinician belongs to, or of one person's care team."""
    if not today - EARLIEST <= data.held_on <= today + LATEST:
        raise InvalidInputError(
            f"held_on: {data.held_on.isoformat()} is not within a year before today or four "
            "weeks after it; give the day of the meeting."
        )
    clinic = repository.clinic_by_name(session, data.clinic) if data.clinic else None
    if data.clinic is not None and clinic is None:
        raise NotFoundError(f"No clinic you belong to is called {data.clinic!r}.")
    if data.patient_id is not None:
        checks.require_record(session, actor, data.patient_id, Action.CASE_DECIDE)
    clinic_id = None if clinic is None else clinic.id
    row = CaseReview(
        clinic_id=clinic_id,
        patient_id=data.patient_id,
        title=data.title or _default_title(session, data, clinic_id),
        held_on=data.held_on,
        opened_by=actor.name,
        opened_at=now,
        minutes="",
    )
    # The policy is asked before the row is kept: a clinic the clinician is not in is as
    # unknown to them as one that does not exist.
    if not checks.may_run(session, actor, row):
        raise NotFoundError(f"No clinic you belong to is called {data.clinic!r}.")
    repository.add(session, row)
    _set_attendees(session, row, [*data.attendees], actor)
    _log(session, actor, source, now, row, "opened")
    return read(session, meeting_id=row.id, actor=actor, thresholds=thresholds)


def _default_title(session: Session, data: MeetingCreate, clinic_id: int | None) -> str:
    day = f"{data.held_on:%-d %B %Y}"
    if clinic_id is not None:
        return f"{repository.clinic_name(session, clinic_id)}: case review, {day}"
    return f"Care team case review, {day}"


def list_for(session: Session, *, actor: Actor) -> list[MeetingRow]:
    """The meetings the clinician may attend, latest first."""
    assert actor.account_id is not None
    rows = repository.meetings_for(session, actor.account_id, LIST_LIMIT)
    return [
        MeetingRow(
            id=row.id,
            title=row.title,
            scope="clinic" if row.clinic_id is not None else "team",
            clinic=clinic,
            patient_id=row.patient_id,
            held_on=row.held_on,
            closed=row.closed_at is not None,
        )
        for row, clinic, _name in rows
    ]


def read(session: Session, *, meeting_id: int, actor: Actor, thresholds: Thresholds) -> MeetingRead:
    """The meeting, with the agenda of the people in the reader's care only."""
    row = checks.meeting_for(session, actor, meeting_id, Action.CASE_REVIEWS)
    entries = agenda_of(session, row, actor, thresholds)
    assert actor.account_id is not None
    found = repository.decisions(session, meeting_id=row.id)
    shown = repository.visible_people(
        session, actor.account_id, {d.patient_id for d, _, _ in found}
    )
    decisions = [decision_read(d, held_on) for d, held_on, _title in found if d.patient_id in shown]
    return MeetingRead(
        id=row.id,
        title=row.title,
        scope="clinic" if row.clinic_id is not None else "team",
        clinic=repository.clinic_name(session, row.clinic_id) if row.clinic_id else None,
        patient_id=row.patient_id,
        held_on=row.held_on,
        week_from=Window.ending(row.held_on).first,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        attendees=[
            AttendeeRead(username=name, profession=profession)
            for name, profession in repository.attendees(session, row.id)
        ],
        minutes=row.minutes,
        closed_by=row.closed_by,
        closed_at=row.closed_at,
        agenda=entries,
        decisions=decisions,
        addenda=[
            AddendumRead(body=a.body, author_name=a.author_name, created_at=a.created_at)
            for a in repository.addenda(session, row.id)
        ],
    )


def agenda_of(
    session: Session, row: CaseReview, actor: Actor, thresholds: Thresholds
) -> list[AgendaEntry]:
    """The agenda the reader sees: built for the week while open, as kept once closed; only
    people whose care team the reader is in now."""
    assert actor.account_id is not None
    if row.closed_at is None:
        figures = agenda_figures(session, row, actor.account_id, Window.ending(row.held_on))
        return agenda.entries(figures, Window.ending(row.held_on), thresholds)
    kept = repository.items(session, row.id)
    visible = repository.visible_people(session, actor.account_id, (i.patient_id for i, _ in kept))
    counts = repository.open_alert_counts(session, visible)
    return [
        AgendaEntry(
            patient_id=item.patient_id,
            name=name,
            reasons=[Reason(reason) for reason in item.reasons],
            open_alerts=counts.get(item.patient_id, 0),
            baseline_pain=None,
            pain_this_week=None,
            readings=0,
            added_by=item.added_by,
        )
        for item, name in kept
        if item.patient_id in visible
    ]


def set_attendees(
    session: Session,
    *,
    meeting_id: int,
    data: AttendeesUpdate,
    actor: Actor,
    source: str,
    now: dt.datetime,
    thresholds: Thresholds,
) -> MeetingRead:
    """Who is at the meeting (the clinician who opened it stays)."""
    row = checks.open_meeting(session, actor, meeting_id)
    _set_attendees(session, row, list(data.attendees), actor)
    _log(session, actor, source, now, row, "attendees changed")
    return read(session, meeting_id=row.id, actor=actor, thresholds=thresholds)


def _set_attendees(session: Session, row: CaseReview, names: list[str], actor: Actor) -> None:
    accounts = repository.clinicians_named(session, names)
    unknown = sorted(set(names) - set(accounts))
    ids = {account.id for account in accounts.values()}
    eligible = repository.eligible_attendees(session, row, ids)
    outside = sorted(name for name, a in accounts.items() if a.id not in eligible)
    if unknown or outside:
        where = "the clinic" if row.clinic_id is not None else "the person's care team"
        raise InvalidInputError(
            f"attendees: {', '.join(unknown + outside)} may not attend: only clinicians of "
            f"{where} may."
        )
    assert actor.account_id is not None
    repository.set_attendees(session, row.id, ids | {actor.account_id})


def set_minutes(
    session: Session,
    *,
    meeting_id: int,
    data: MinutesUpdate,
    actor: Actor,
    source: str,
    now: dt.datetime,
    thresholds: Thresholds,
) -> MeetingRead:
    """Keep the minutes so far (only while the meeting is open)."""
    row = checks.open_meeting(session, actor, meeting_id)
    row.minutes = data.minutes
    session.flush()
    _log(session, actor, source, now, row, "minutes kept")
    return read(session, meeting_id=row.id, actor=actor, thresholds=thresholds)


def close(
    session: Session,
    *,
    meeting_id: int,
    actor: Actor,
    thresholds: Thresholds,
    source: str,
    now: dt.datetime,
) -> MeetingRead:
    """Close the meeting: its agenda is kept as it stands, and nothing changes from now on."""
    row = checks.open_meeting(session, actor, meeting_id)
    window = Window.ending(row.held_on)
    # Everyone the meeting could bring up (not only this clinician's people), so that the
    # kept agenda is the meeting's, whoever closes it.
    entries = agenda.entries(agenda_figures(session, row, None, window), window, thresholds)
    # One read of what is stored and one batch of inserts, never a query per person.
    stored = repository.stored_items(session, row.id)
    for entry in entries:
        reasons = [reason.value for reason in entry.reasons]
        found = stored.pop(entry.patient_id, None)
        if found is None:
            session.add(
                CaseReviewItem(
                    meeting_id=row.id, patient_id=entry.patient_id, reasons=reasons, added_at=now
                )
            )
        else:
            found.reasons = reasons
    # Someone added by hand whose team has since left the clinic stays, for that reason only.
    for left in stored.values():
        left.reasons = [Reason.ADDED.value]
    row.closed_by, row.closed_at = actor.name, now
    session.flush()
    _log(session, actor, source, now, row, "closed")
    return read(session, meeting_id=row.id, actor=actor, thresholds=thresholds)


def add_addendum(
    session: Session,
    *,
    meeting_id: int,
    data: AddendumCreate,
    actor: Actor,
    source: str,
    now: dt.datetime,
    thresholds: Thresholds,
) -> MeetingRead:
    """Amend a closed meeting's minutes (an open meeting's minutes are edited instead: 409)."""
    row = checks.meeting_for(session, actor, meeting_id, Action.CASE_REVIEW_RUN, lock=True)
    if row.closed_at is None:
        raise ConflictError("This case review is still open: change its minutes instead.")
    repository.add(
        session,
        CaseReviewAddendum(
            meeting_id=row.id, body=data.body, author_name=actor.name, created_at=now
        ),
    )
    _log(session, actor, source, now, row, "addendum added")
    return read(session, meeting_id=row.id, actor=actor, thresholds=thresholds)


def decision_read(row: object, held_on: dt.date) -> DecisionRead:
    """A decision row as the API and pages show it."""
    return DecisionRead.model_validate(
        {**{k: getattr(row, k) for k in _DECISION_FIELDS}, "held_on": held_on}
    )


_DECISION_FIELDS = (
    "id",
    "meeting_id",
    "patient_id",
    "text",
    "owner_kind",
    "owner_name",
    "due_on",
    "decided_by",
    "profession",
    "decided_at",
)


def _log(
    session: Session, actor: Actor, source: str, now: dt.datetime, row: CaseReview, what: str
) -> None:
    trail.write(
        session,
        actor=actor,
        action=AuditAction.case_review_write,
        patient_id=row.patient_id,
        source=source,
        now=now,
        detail=f"case review {row.id} {what}",
    )
