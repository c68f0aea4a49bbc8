"""Referral use cases: refer, take a step, counter-refer, and read with the history.

Every step goes through the pure transition table (backcare.domain.referral_flow): a step that
is not legal from the current status is refused with 409 naming that status, and a step the
actor is not a party for is refused with 403; nothing is written either way. Each step keeps who
took it (account, profession) and when, and writes an audit line (SAFETY.md H-182).

Backcare never opens a record to a clinician the person has not invited: a referral is answered
by a clinician already in the person's care team (the one named, or one of the profession, and
of the clinic when one is named). To bring in someone new, the person invites them (SAFETY.md
H-183). A "go now" plan item is never a referral to wait for (H-180), and while the plan is at
emergency or urgent level only a doctor is referred to (H-181).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_id, account_by_name
from backcare.accounts.vocabulary import Profession
from backcare.assessments import repository as plans
from backcare.audit.schemas import AuditAction
from backcare.domain.referral_flow import (
    STATUS_WORDS,
    Party,
    ReferralStatus,
    ReferralStep,
    after,
    may_counter,
    may_take,
    steps_open,
)
from backcare.domain.vocabulary import Target
from backcare.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from backcare.patients.service import require_patient
from backcare.referrals import repository
from backcare.referrals.models import Referral, ReferralEvent
from backcare.referrals.schemas import (
    CounterCreate,
    ReferralCreate,
    ReferralEventRead,
    ReferralRead,
    StepTaken,
)
from backcare.referrals.vocabulary import GO_NOW, PROFESSION_OF_TARGET, SAFETY_LEVELS
from backcare.team import repository as team
from backcare.team.repository import clinic_by_name

NO_REFERRAL = "This record has no referral {id}."
GO_NOW_WORDS = (
    "plan_item_id: this item says to go to an emergency department or maternity unit now; "
    "that is not a referral to wait for. Go now, or call the emergency number."
)


def create_referral(
    session: Session,
    *,
    patient_id: str,
    data: ReferralCreate,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> ReferralRead:
    """A new referral (requested), from a plan item or to a profession."""
    require_patient(session, patient_id=patient_id)
    profession, reason, item_id, version = _from_plan(session, patient_id, data)
    to_id, to_name = None, None
    if data.to_clinician is not None:
        member = _team_member(session, patient_id, data.to_clinician)
        if profession is None:
            profession = Profession(member.profession or "")
        elif member.profession != profession:
            raise InvalidInputError(
                f"to_clinician: {data.to_clinician} is not a {profession.value.replace('_', ' ')}."
            )
        to_id, to_name = member.id, member.username
    assert profession is not None  # the schema asks for a profession, a plan item or a clinician
    _check_safety_level(session, patient_id, profession)
    clinic_id, clinic_name = None, None
    if data.clinic is not None:
        clinic = clinic_by_name(session, data.clinic)
        if clinic is None:
            raise InvalidInputError(f"clinic: no clinic is called {data.clinic!r}.")
        clinic_id, clinic_name = clinic.id, clinic.name
    row = Referral(
        patient_id=patient_id,
        status=ReferralStatus.REQUESTED.value,
        profession=profession.value,
        to_clinician_id=to_id,
        to_clinician_name=to_name,
        clinic_id=clinic_id,
        clinic_name=clinic_name,
        plan_item_id=item_id,
        plan_version=version,
        reason=data.reason or reason,
        referred_by_id=actor.account_id,
        referred_by_name=actor.name,
        referred_by_profession=_profession(session, actor),
        created_at=now,
        updated_at=now,
    )
    repository.add(session, row)
    _event(session, row, actor, None, now)
    _log(session, actor, row, source, now, "requested")
    return _read(session, row, actor)


def take_step(
    session: Session,
    *,
    patient_id: str,
    referral_id: int,
    data: StepTaken,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> ReferralRead:
    """Accept, decline (with a reason), book, mark seen or close a referral."""
    row = _referral(session, patient_id, referral_id, lock=True)
    status = ReferralStatus(row.status)
    found = after(status, data.step)
    if found is None:
        raise ConflictError(
            f"step: this referral is {status.value}, so it cannot be {_past(data.step)} now."
        )
    if not may_take(data.step, _parties(session, row, actor)):
        raise ForbiddenError(f"step: you are not the one who may {data.step.value} this referral.")
    if data.step is ReferralStep.DECLINE and (data.note is None or len(data.note) < 3):
        raise InvalidInputError("note: say in a few words why the referral is declined.")
    if data.step is ReferralStep.ACCEPT and row.to_clinician_id is None:
        # Accepted by one clinician of the profession: from now on the referral is theirs.
        row.to_clinician_id, row.to_clinician_name = actor.account_id, actor.name
    row.status, row.updated_at = found.value, now
    session.flush()
    _event(session, row, actor, data.note, now)
    _log(session, actor, row, source, now, found.value)
    return _read(session, row, actor)


def counter_refer(
    session: Session,
    *,
    patient_id: str,
    referral_id: int,
    data: CounterCreate,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> ReferralRead:
    """The receiving clinician refers back to the referring clinician, linked to the first."""
    first = _referral(session, patient_id, referral_id, lock=True)
    status = ReferralStatus(first.status)
    if not may_counter(status, _parties(session, first, actor)):
        if status in (ReferralStatus.SEEN, ReferralStatus.CLOSED):
            raise ForbiddenError("A counter-referral is sent by the clinician who saw the person.")
        raise ConflictError(
            f"A counter-referral follows a referral once the person has been seen; "
            f"its status is {status.value}."
        )
    if first.referred_by_profession is None or first.referred_by_id is None:
        raise ConflictError(
            "The person made this referral themselves: there is no referring clinician to answer."
        )
    if repository.counters_of(session, [first.id]).get(first.id):
        raise ConflictError(f"Referral {first.id} has been answered with a counter-referral.")
    row = Referral(
        patient_id=patient_id,
        status=ReferralStatus.REQUESTED.value,
        profession=first.referred_by_profession,
        to_clinician_id=first.referred_by_id,
        to_clinician_name=first.referred_by_name,
        plan_item_id=first.plan_item_id,
        plan_version=first.plan_version,
        reason=data.reason,
        referred_by_id=actor.account_id,
        referred_by_name=actor.name,
        referred_by_profession=_profession(session, actor),
        counter_to=first.id,
        created_at=now,
        updated_at=now,
    )
    repository.add(session, row)
    _event(session, row, actor, None, now)
    _log(session, actor, row, source, now, f"counter-referral to {first.id}")
    return _read(session, row, actor)


def list_referrals(session: Session, *, patient_id: str, actor: Actor) -> list[ReferralRead]:
    """The record's referrals, newest first, each with its steps and what the reader may do."""
    require_patient(session, patient_id=patient_id)
    rows = list(repository.referrals_of(session, patient_id))
    ids = [row.id for row in rows]
    events = repository.events_of(session, ids)
    counters = repository.counters_of(session, ids)
    reader = _Reader.of(session, actor)
    return [_as_read(row, events[row.id], counters[row.id], reader) for row in rows]


def get_referral(
    session: Session, *, patient_id: str, referral_id: int, actor: Actor
) -> ReferralRead:
    """One referral with its history."""
    return _read(session, _referral(session, patient_id, referral_id), actor)


def open_referrals(session: Session, *, patient_id: str, actor: Actor) -> list[ReferralRead]:
    """The referrals still in progress (not declined or closed)."""
    return [
        found
        for found in list_referrals(session, patient_id=patient_id, actor=actor)
        if found.status not in (ReferralStatus.DECLINED, ReferralStatus.CLOSED)
    ]


def history(session: Session, *, patient_id: str) -> list[tuple[Referral, list[ReferralEvent]]]:
    """Every referral of the record, oldest first, with its steps (for the exports)."""
    rows = list(reversed(repository.referrals_of(session, patient_id)))
    events = repository.events_of(session, [row.id for row in rows])
    return [(row, events[row.id]) for row in rows]


def _from_plan(
    session: Session, patient_id: str, data: ReferralCreate
) -> tuple[Profession | None, str, str | None, int | None]:
    """The profession, reason, item and plan version a referral from the plan carries."""
    if data.plan_item_id is None:
        return data.profession, data.reason or "", None, None
    plan = plans.current_plan(session, patient_id)
    items: list[dict[str, Any]] = [] if plan is None else list(plan.plan.get("items", []))
    item = next(
        (i for i in items if i.get("id") == data.plan_item_id and i.get("kind") == "referral"),
        None,
    )
    if plan is None or item is None:
        raise InvalidInputError(
            f"plan_item_id: the current plan holds no referral item {data.plan_item_id!r}."
        )
    target = Target(item["target"]) if item.get("target") else None
    if target in GO_NOW:
        raise ConflictError(GO_NOW_WORDS)
    profession = data.profession or (PROFESSION_OF_TARGET.get(target) if target else None)
    if profession is None and data.to_clinician is None:
        raise InvalidInputError(
            f"profession: say which profession plan item {data.plan_item_id!r} goes to."
        )
    reason = f"{item.get('title', '')}: {item.get('why', '')}".strip(": ")
    return profession, reason, data.plan_item_id, plan.version


def _check_safety_level(session: Session, patient_id: str, profession: Profession) -> None:
    """At an emergency or urgent plan, only a doctor is referred to (SAFETY.md H-181)."""
    plan = plans.current_plan(session, patient_id)
    level = None if plan is None else plan.plan.get("triage", {}).get("level")
    if level in SAFETY_LEVELS and profession is not Profession.DOCTOR:
        raise ConflictError(
            f"profession: the current plan is at {level} level: the person must see a doctor "
            "first, as the plan says. Refer to a doctor, or wait until a doctor has seen them."
        )


def _team_member(session: Session, patient_id: str, username: str) -> Any:
    account = account_by_name(session, username)
    if account is None or team.live_grant_of(session, patient_id, account.id) is None:
        raise InvalidInputError(f"to_clinician: {username!r} is not in this person's care team.")
    return account


class _Reader:
    """Who reads or acts: their account, profession and clinics, loaded once."""

    def __init__(self, actor: Actor, profession: str | None, clinics: set[int]) -> None:
        self.actor, self.profession, self.clinics = actor, profession, clinics

    @classmethod
    def of(cls, session: Session, actor: Actor) -> _Reader:
        clinics = set()
        if actor.kind is Kind.CLINICIAN and actor.account_id is not None:
            clinics = repository.clinic_ids_of(session, actor.account_id)
        return cls(actor, _profession(session, actor), clinics)

    def parties(self, row: Referral) -> frozenset[Party]:
        """What the reader is to the referral (SAFETY.md H-182)."""
        found: set[Party] = set()
        actor = self.actor
        if actor.kind is Kind.PERSON:
            found.add(Party.PERSON)
        if actor.account_id is not None and row.referred_by_id == actor.account_id:
            found.add(Party.REFERRER)
        elif actor.kind is Kind.CLINICIAN and self._receives(row):
            found.add(Party.RECEIVER)
        return frozenset(found)

    def _receives(self, row: Referral) -> bool:
        if row.to_clinician_id is not None:
            return row.to_clinician_id == self.actor.account_id
        if self.profession != row.profession:
            return False
        return row.clinic_id is None or row.clinic_id in self.clinics


def _parties(session: Session, row: Referral, actor: Actor) -> frozenset[Party]:
    return _Reader.of(session, actor).parties(row)


def _referral(
    session: Session, patient_id: str, referral_id: int, *, lock: bool = False
) -> Referral:
    row = repository.referral(session, patient_id, referral_id, lock=lock)
    if row is None:
        raise NotFoundError(NO_REFERRAL.format(id=referral_id))
    return row


def _event(
    session: Session, row: Referral, actor: Actor, note: str | None, now: dt.datetime
) -> None:
    repository.add(
        session,
        ReferralEvent(
            referral_id=row.id,
            patient_id=row.patient_id,
            status=row.status,
            actor_id=actor.account_id,
            actor_name=actor.name,
            actor_profession=_profession(session, actor),
            note=note,
            at=now,
        ),
    )


def _read(session: Session, row: Referral, actor: Actor) -> ReferralRead:
    events = repository.events_of(session, [row.id])[row.id]
    counters = repository.counters_of(session, [row.id])[row.id]
    return _as_read(row, events, counters, _Reader.of(session, actor))


def _as_read(
    row: Referral, events: list[ReferralEvent], counters: list[int], reader: _Reader
) -> ReferralRead:
    status = ReferralStatus(row.status)
    parties = reader.parties(row)
    answerable = row.referred_by_profession is not None and not counters
    return ReferralRead(
        id=row.id,
        status=status,
        status_words=STATUS_WORDS[status],
        profession=Profession(row.profession),
        to_clinician=row.to_clinician_name,
        clinic=row.clinic_name,
        plan_item_id=row.plan_item_id,
        plan_version=row.plan_version,
        reason=row.reason,
        referred_by=row.referred_by_name,
        referred_by_profession=row.referred_by_profession,
        counter_to=row.counter_to,
        counter_referrals=counters,
        created_at=row.created_at,
        updated_at=row.updated_at,
        events=[ReferralEventRead.model_validate(event) for event in events],
        steps=steps_open(status, parties),
        may_counter=answerable and may_counter(status, parties),
    )


def _past(step: ReferralStep) -> str:
    return {
        ReferralStep.ACCEPT: "accepted",
        ReferralStep.DECLINE: "declined",
        ReferralStep.BOOK: "booked",
        ReferralStep.SEE: "marked seen",
        ReferralStep.CLOSE: "closed",
    }[step]


def _profession(session: Session, actor: Actor) -> str | None:
    if actor.kind is not Kind.CLINICIAN or actor.account_id is None:
        return None
    account = account_by_id(session, actor.account_id)
    return None if account is None else account.profession


def _log(
    session: Session, actor: Actor, row: Referral, source: str, now: dt.datetime, what: str
) -> None:
    trail.write(
        session,
        actor=actor,
        action=AuditAction.referral_write,
        patient_id=row.patient_id,
        source=source,
        now=now,
        detail=f"referral {row.id} {what}",
    )
