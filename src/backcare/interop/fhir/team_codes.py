"""Codes of the care team's resources (CareTeam, Communication, DocumentReference) and the
checks the fhir.resources models do not make on them.

Professions are coded twice: Backcare's own code (exact, so another Backcare reads the
profession back) and, where one SNOMED CT occupation concept means the same profession, that
concept. The SNOMED CT codes are those of the occupation hierarchy used by the Swiss EPR
value set HCProfessional.hcProfession (eHealth Suisse, OID 2.16.756.5.30.1.127.3.10.8.1):
Physiotherapist 36682004, Physician 309343006, Professional nurse 106292003, Psychologist
59944000. Backcare's "chiropractor or osteopath" spans two occupations (SNOMED CT has
Chiropractor 3842006, and that value set has no SNOMED code for an osteopath) and "massage
therapist" has none there either, so those two carry Backcare's code alone.
"""

from __future__ import annotations

from typing import Any

from backcare.accounts.vocabulary import Profession
from backcare.interop.fhir.codes import BASE, HL7_TERMINOLOGY, SNOMED, coding
from backcare.interop.fhir.ids import problem
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.team.vocabulary import Share

PROFESSION = f"{BASE}/CodeSystem/profession"
CARE_TEAM_ROLE = f"{BASE}/CodeSystem/care-team-role"
LEAD = "lead"
"""The role code of the team's lead clinician (beside their profession)."""
SHARE_EXTENSION = f"{BASE}/StructureDefinition/care-share"
"""On a CareTeam participant: what the person shares with them (valueCode)."""
CARE = "care"
"""A grant made at the command line: care without exports (backcare.team.members.CARE)."""
SHARES = frozenset({*(share.value for share in Share), CARE})
NOTE_KIND = f"{BASE}/CodeSystem/note-kind"
NOTE_VISIBILITY = f"{BASE}/CodeSystem/note-visibility"
CONFIDENTIALITY = f"{HL7_TERMINOLOGY}/v3-Confidentiality"
AUTHOR_PROFESSION_EXTENSION = f"{BASE}/StructureDefinition/author-profession"
SIGNED_AT_EXTENSION = f"{BASE}/StructureDefinition/signed-at"
SENDER_ROLE_EXTENSION = f"{BASE}/StructureDefinition/sender-role"
SENDER_ROLES = frozenset({"person", "clinician", "operator", "admin"})
"""Who wrote a message: the Actor kinds (backcare.access.policy.Kind)."""
TEXT_PLAIN = "text/plain; charset=utf-8"

PROFESSION_SNOMED: dict[Profession, tuple[str, str]] = {
    Profession.PHYSIOTHERAPIST: ("36682004", "Physiotherapist"),
    Profession.DOCTOR: ("309343006", "Physician"),
    Profession.NURSE: ("106292003", "Professional nurse"),
    Profession.PSYCHOLOGIST: ("59944000", "Psychologist"),
}
PROFESSION_WORDS: dict[Profession, str] = {
    Profession.PHYSIOTHERAPIST: "Physiotherapist",
    Profession.MASSAGE_THERAPIST: "Massage therapist",
    Profession.CHIROPRACTOR_OR_OSTEOPATH: "Chiropractor or osteopath",
    Profession.DOCTOR: "Doctor",
    Profession.NURSE: "Nurse",
    Profession.PSYCHOLOGIST: "Psychologist",
}
NOTE_KIND_WORDS = {
    NoteKind.ASSESSMENT: "Assessment note",
    NoteKind.TREATMENT: "Treatment note",
    NoteKind.PROGRESS: "Progress note",
}
VISIBILITY_WORDS = {
    Visibility.TEAM_AND_PERSON: "The person and their care team",
    Visibility.TEAM: "The care team, not the person",
    Visibility.AUTHOR: "Its author only",
}
VISIBILITY_CONFIDENTIALITY = {
    Visibility.TEAM_AND_PERSON: ("N", "normal"),
    Visibility.TEAM: ("R", "restricted"),
    Visibility.AUTHOR: ("V", "very restricted"),
}
"""HL7 v3 Confidentiality, for systems that do not know Backcare's visibility codes."""

CARE_TEAM_STATUS = frozenset({"proposed", "active", "suspended", "inactive", "entered-in-error"})
COMMUNICATION_STATUS = frozenset(
    {
        "preparation",
        "in-progress",
        "not-done",
        "on-hold",
        "stopped",
        "completed",
        "entered-in-error",
        "unknown",
    }
)
DOCUMENT_STATUS = frozenset({"current", "superseded", "entered-in-error"})
DOC_STATUS = frozenset({"preliminary", "final", "amended", "entered-in-error"})
RELATES_TO = frozenset({"replaces", "transforms", "signs", "appends"})
"""The value sets (all of required strength in R4B) of CareTeam.status, Communication.status,
DocumentReference.status, .docStatus and .relatesTo.code."""


def profession_concept(profession: Profession) -> dict[str, Any]:
    """A profession as a CodeableConcept: Backcare's code, then SNOMED CT's where it exists."""
    codings = [coding(PROFESSION, profession.value, PROFESSION_WORDS[profession])]
    if profession in PROFESSION_SNOMED:
        codings.append(coding(SNOMED, *PROFESSION_SNOMED[profession]))
    return {"coding": codings, "text": PROFESSION_WORDS[profession]}


def read_profession(concept: Any, where: str, field: str) -> Profession | None:
    """The profession a CodeableConcept names (None when it names none Backcare knows of
    and no SNOMED CT code either); a wrong code, or two codings that disagree, is refused."""
    if not isinstance(concept, dict):
        return None
    codings = concept.get("coding") or []
    own = [c.get("code") for c in codings if c.get("system") == PROFESSION]
    snomed = [c.get("code") for c in codings if c.get("system") == SNOMED]
    by_snomed = {code: p for p, (code, _words) in PROFESSION_SNOMED.items()}
    found: Profession | None = None
    if own:
        if own[0] not in {p.value for p in Profession}:
            known = ", ".join(p.value for p in Profession)
            raise problem(where, f"{field}.coding", f"{own[0]!r} is not one of {known}.")
        found = Profession(own[0])
    for code in snomed:
        if code not in by_snomed:
            known = ", ".join(f"{c} ({w})" for c, w in PROFESSION_SNOMED.values())
            raise problem(
                where,
                f"{field}.coding",
                f"SNOMED CT {code!r} is not a profession Backcare knows ({known}).",
            )
        if found is not None and by_snomed[code] is not found:
            raise problem(
                where,
                f"{field}.coding",
                f"SNOMED CT {code} is not the profession {found.value} its Backcare code names.",
            )
        found = by_snomed[code]
    return found


def check_team_codes(resource: dict[str, Any], where: str) -> None:
    """The codes and value sets of the three resources, on export and on import."""
    kind = resource.get("resourceType")
    if kind == "CareTeam":
        _one_of(resource.get("status"), CARE_TEAM_STATUS, where, "status")
        for number, participant in enumerate(resource.get("participant") or []):
            for n, role in enumerate(participant.get("role") or []):
                field = f"participant[{number}].role[{n}]"
                if not is_lead(role):
                    read_profession(role, where, field)
    elif kind == "Communication":
        _one_of(resource.get("status"), COMMUNICATION_STATUS, where, "status")
    elif kind == "DocumentReference":
        _one_of(resource.get("status"), DOCUMENT_STATUS, where, "status")
        if "docStatus" in resource:
            _one_of(resource.get("docStatus"), DOC_STATUS, where, "docStatus")
        for number, relation in enumerate(resource.get("relatesTo") or []):
            _one_of(relation.get("code"), RELATES_TO, where, f"relatesTo[{number}].code")
        for extension in resource.get("extension") or []:
            if extension.get("url") == AUTHOR_PROFESSION_EXTENSION:
                concept = extension.get("valueCodeableConcept")
                read_profession(concept, where, "extension[author-profession]")


def is_lead(role: dict[str, Any]) -> bool:
    """Whether a participant's role is Backcare's lead role."""
    return any(
        c.get("system") == CARE_TEAM_ROLE and c.get("code") == LEAD
        for c in role.get("coding") or []
    )


def _one_of(value: Any, allowed: frozenset[str], where: str, field: str) -> None:
    if value not in allowed:
        raise problem(where, field, f"{value!r} is not one of {', '.join(sorted(allowed))}.")
