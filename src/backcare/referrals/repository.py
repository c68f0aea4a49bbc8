"""All SQL of referrals: the referrals of a record, their steps, and who may receive them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.referrals.models import Referral, ReferralEvent
from backcare.team.models import ClinicMember


def add(session: Session, row: Referral | ReferralEvent) -> None:
    """Insert a row and give it its id."""
    session.add(row)
    session.flush()


def referral(
    session: Session, patient_id: str, referral_id: int, *, lock: bool = False
) -> Referral | None:
    """One referral of a record (locked, so two steps at once are taken one after the other)."""
    query = select(Referral).where(Referral.patient_id == patient_id, Referral.id == referral_id)
    return session.scalars(query.with_for_update() if lock else query).first()


def referrals_of(session: Session, patient_id: str) -> Sequence[Referral]:
    """A record's referrals, newest first."""
    query = (
        select(Referral)
        .where(Referral.patient_id == patient_id)
        .order_by(Referral.created_at.desc(), Referral.id.desc())
    )
    return session.scalars(query).all()


def events_of(session: Session, referral_ids: list[int]) -> dict[int, list[ReferralEvent]]:
    """The steps of each referral, oldest first, in one query."""
    found: dict[int, list[ReferralEvent]] = defaultdict(list)
    if not referral_ids:
        return found
    query = (
        select(ReferralEvent)
        .where(ReferralEvent.referral_id.in_(referral_ids))
        .order_by(ReferralEvent.at, ReferralEvent.id)
    )
    for row in session.scalars(query):
        found[row.referral_id].append(row)
    return found


def counters_of(session: Session, referral_ids: list[int]) -> dict[int, list[int]]:
    """The counter-referrals answering each referral."""
    found: dict[int, list[int]] = defaultdict(list)
    if not referral_ids:
        return found
    query = (
        select(Referral.counter_to, Referral.id)
        .where(Referral.counter_to.in_(referral_ids))
        .order_by(Referral.id)
    )
    for counter_to, referral_id in session.execute(query):
        if counter_to is not None:
            found[counter_to].append(referral_id)
    return found


def clinic_ids_of(session: Session, clinician_id: str) -> set[int]:
    """The clinics a clinician belongs to."""
    query = select(ClinicMember.clinic_id).where(ClinicMember.clinician_id == clinician_id)
    return set(session.scalars(query))
