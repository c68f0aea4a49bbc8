"""The accounts a computer of one's own starts with: the local owner and the demo clinician.

On their own laptop the person runs ``backcare serve`` and gets a one-time sign-in link, as
Jupyter does: the local owner's account is made on first start (a person, with a record of
their own), and while it has no password every start prints a fresh link. The demo people are
looked after by a demo physiotherapist whose account has care access to them, with its own
link, so the demo can be explored as a clinician sees it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.access import grants
from backcare.access.policy import Actor
from backcare.accounts import links, repository
from backcare.accounts.schemas import AccountCreate
from backcare.accounts.service import create_account
from backcare.accounts.vocabulary import LinkPurpose, Profession, Role

DEMO_CLINICIAN = "demo-physio"
FALLBACK_OWNER = "owner"


@dataclass(frozen=True, slots=True)
class LinkToPrint:
    """A one-time link to show at start-up, and whose it is."""

    username: str
    secret: str
    who: str


def owner_name() -> str:
    """The local owner's account name: the operating-system login, made fit to be one."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        login = ""
    name = re.sub(r"[^a-z0-9._-]", "", login.lower()).lstrip("._-")[:64]
    return name if len(name) >= 2 else FALLBACK_OWNER


def start_up_links(session: Session, *, now: dt.datetime, hours: int) -> list[LinkToPrint]:
    """Make the owner's account if missing; a fresh link for each local account without one."""
    owner = repository.local_owner(session)
    if owner is None:
        data = AccountCreate(username=_free_name(session, owner_name()), role=Role.PERSON)
        create_account(session, data=data, local_owner=True)
        owner = repository.local_owner(session)
    assert owner is not None
    found: list[LinkToPrint] = []
    demo = repository.account_by_name(session, DEMO_CLINICIAN)
    for account, who in ((owner, "you"), (demo, "the demo physiotherapist")):
        if account is None or account.password_hash is not None or account.disabled:
            continue
        secret = links.issue_link(
            session, account=account, purpose=LinkPurpose.FIRST_SIGN_IN, now=now, hours=hours
        )
        found.append(LinkToPrint(account.username, secret, who))
    return found


def give_demo_access(
    session: Session, *, patient_ids: Sequence[str], by: Actor, now: dt.datetime
) -> str:
    """The demo clinician (made if missing) gets care access to the demo people."""
    if repository.account_by_name(session, DEMO_CLINICIAN) is None:
        data = AccountCreate(
            username=DEMO_CLINICIAN, role=Role.CLINICIAN, profession=Profession.PHYSIOTHERAPIST
        )
        create_account(session, data=data)
    for patient_id in patient_ids:
        grants.grant(
            session, clinician=DEMO_CLINICIAN, patient_id=patient_id, by=by, source="cli", now=now
        )
    return DEMO_CLINICIAN


def _free_name(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... when an account already has the name."""
    name, number = wanted, 1
    while repository.account_by_name(session, name) is not None:
        number += 1
        name = f"{wanted[:60]}-{number}"
    return name
