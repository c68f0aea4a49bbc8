"""Care teams as CareTeam resources: each clinician with their profession, the lead, what the
person shares with them and when they were in the team; and back.

An imported CareTeam is kept as history (backcare.team.imported_models): it names clinicians
of another system and gives none of them access here (SAFETY.md H-201).
"""

from __future__ import annotations

from typing import Any

from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.codes import coding
from backcare.interop.fhir.ids import problem
from backcare.interop.fhir.parts import moment
from backcare.interop.fhir.team_codes import (
    CARE_TEAM_ROLE,
    LEAD,
    SHARE_EXTENSION,
    SHARES,
    is_lead,
    profession_concept,
    read_profession,
)
from backcare.interop.fhir.team_record import Member, Team
from backcare.interop.fhir.team_text import line, optional_line
from backcare.team.imported_models import NAME_LENGTH, TEAM_NAME_LENGTH

Resource = dict[str, Any]
LEAD_ROLE = {"coding": [coding(CARE_TEAM_ROLE, LEAD, "Lead clinician")], "text": "Lead clinician"}


def care_team_resource(team: Team, *, rid: str, subject: Resource) -> Resource:
    """One care team and its members over time."""
    resource: Resource = {
        "resourceType": "CareTeam",
        "id": rid,
        "status": team.status,
        "subject": subject,
        "participant": [_participant(member) for member in team.members],
    }
    if team.name:
        resource["name"] = team.name
    return resource


def _participant(member: Member) -> Resource:
    found: Resource = {"member": {"display": member.name}}
    if member.share:
        found["extension"] = [{"url": SHARE_EXTENSION, "valueCode": member.share}]
    roles = [profession_concept(member.profession)] if member.profession else []
    if member.lead:
        roles.append(LEAD_ROLE)
    if roles:
        found["role"] = roles
    period = {}
    if member.start is not None:
        period["start"] = instant(member.start)
    if member.end is not None:
        period["end"] = instant(member.end)
    if period:
        found["period"] = period
    return found


def read_care_team(resource: Resource, where: str) -> Team:
    """The team a CareTeam holds; a participant without a name is refused."""
    participants = resource.get("participant") or []
    if not participants:
        raise problem(where, "participant", "is missing; Backcare keeps a team by its members.")
    name = optional_line(resource.get("name"), where, "name", longest=TEAM_NAME_LENGTH)
    members = tuple(
        _member(participant, where, f"participant[{number}]")
        for number, participant in enumerate(participants)
    )
    return Team(name=name, status=str(resource["status"]), members=members)


def _member(participant: Resource, where: str, field: str) -> Member:
    name = line(
        (participant.get("member") or {}).get("display"),
        where,
        f"{field}.member.display",
        longest=NAME_LENGTH,
    )
    roles = participant.get("role") or []
    professions = [
        read_profession(role, where, f"{field}.role[{number}]")
        for number, role in enumerate(roles)
        if not is_lead(role)
    ]
    known = [p for p in professions if p is not None]
    if len(set(known)) > 1:
        raise problem(where, f"{field}.role", "names more than one profession.")
    share = None
    for extension in participant.get("extension") or []:
        if extension.get("url") == SHARE_EXTENSION:
            share = extension.get("valueCode")
            if share not in SHARES:
                raise problem(
                    where,
                    f"{field}.extension[care-share]",
                    f"{share!r} is not one of {', '.join(sorted(SHARES))}.",
                )
    period = participant.get("period") or {}
    start = moment(period, "start", f"{where}.{field}.period")
    end = moment(period, "end", f"{where}.{field}.period")
    if start is not None and end is not None and end < start:
        raise problem(where, f"{field}.period.end", "is before its start.")
    return Member(
        name=name,
        profession=known[0] if known else None,
        lead=any(is_lead(role) for role in roles),
        share=share,
        start=start,
        end=end,
    )
