"""The care team's part of the FHIR Bundle: CareTeam, DocumentReference (notes) and
Communication (messages): valid R4B, coded, shown only to who may read it, and back again."""

from __future__ import annotations

import base64
import itertools
from typing import Any

from sqlalchemy import Engine, func, select

from backcare.access.actors import operator
from backcare.access.policy import Action, Actor, Kind, RecordFacts, allowed_on, sees
from backcare.interop.fhir.export import export_fhir
from backcare.interop.fhir.models import model_class
from backcare.interop.fhir.team_codes import CONFIDENTIALITY, NOTE_VISIBILITY, PROFESSION
from backcare.knowledge.loader import Knowledge
from backcare.notes.models import ClinicalNote
from backcare.store.db import read_only
from backcare.team.imported_models import ImportedTeamMember
from tests.interop.bundles import export, ids_aside, import_into, important_change, resources
from tests.interop.care_records import Clinicians
from tests.interop.fhir_schema import bundle_schema_errors

SNOMED = "http://snomed.info/sct"


def _as(engine: Engine, patient_id: str, reader: Actor) -> dict[str, Any]:
    with read_only(engine) as session:
        return export_fhir(session, patient_id=patient_id, change=important_change(), reader=reader)


def _bodies(bundle: dict[str, Any]) -> list[str]:
    return [
        base64.b64decode(d["content"][0]["attachment"]["data"]).decode()
        for d in resources(bundle, "DocumentReference")
    ]


def test_the_team_notes_and_messages_pass_the_r4b_schema_and_their_models(
    fresh_engine: Engine, cared: tuple[str, Clinicians]
) -> None:
    bundle = export(fresh_engine, cared[0])
    assert bundle_schema_errors(bundle) == []
    kinds = [r["resourceType"] for r in resources(bundle)]
    assert (kinds.count("CareTeam"), kinds.count("DocumentReference")) == (1, 5)
    assert kinds.count("Communication") == 3
    for resource in resources(bundle):
        model = model_class(resource["resourceType"]).model_validate(resource)
        assert model.model_dump(mode="json") == resource, resource["id"]


def test_the_care_team_names_each_clinician_with_snomed_profession_lead_share_and_period(
    fresh_engine: Engine, cared: tuple[str, Clinicians]
) -> None:
    (team,) = resources(export(fresh_engine, cared[0]), "CareTeam")
    assert team["status"] == "active"
    people = {p["member"]["display"]: p for p in team["participant"]}
    assert set(people) == {"physio", "doctor", "masseur"}
    physio_roles = people["physio"]["role"]
    assert {(c["system"], c["code"]) for c in physio_roles[0]["coding"]} == {
        (PROFESSION, "physiotherapist"),
        (SNOMED, "36682004"),
    }
    assert physio_roles[1]["coding"][0]["code"] == "lead"
    assert (SNOMED, "309343006") in {
        (c["system"], c["code"]) for c in people["doctor"]["role"][0]["coding"]
    }
    # A massage therapist has no one SNOMED CT occupation: Backcare's code alone.
    assert [c["system"] for c in people["masseur"]["role"][0]["coding"]] == [PROFESSION]
    assert "end" in people["masseur"]["period"]
    assert "end" not in people["physio"]["period"]
    assert len(people["doctor"]["role"]) == 1  # not the lead
    assert people["physio"]["extension"][0]["valueCode"] == "whole_record"


def test_notes_carry_kind_visibility_signature_and_addenda(
    fresh_engine: Engine, cared: tuple[str, Clinicians]
) -> None:
    documents = resources(export(fresh_engine, cared[0]), "DocumentReference")
    by_body = {
        base64.b64decode(d["content"][0]["attachment"]["data"]).decode(): d for d in documents
    }
    shared = by_body["Walking 20 minutes a day.\nNo warning signs."]
    added = by_body["Seen by the GP: agree."]
    assert shared["docStatus"] == "amended"
    assert added["docStatus"] == "final"
    assert added["relatesTo"] == [
        {"code": "appends", "target": {"reference": f"urn:uuid:{shared['id']}"}}
    ]
    assert by_body["Draft: review in two weeks."]["docStatus"] == "preliminary"
    assert "authenticator" not in by_body["Draft: review in two weeks."]
    author_only = by_body["Working idea: fear of bending."]["securityLabel"]
    assert {(c["system"], c["code"]) for label in author_only for c in label["coding"]} == {
        (CONFIDENTIALITY, "V"),
        (NOTE_VISIBILITY, "author"),
    }
    assert by_body["Team only: sleep is poor."]["type"]["coding"][0]["code"] == "assessment"


def test_messages_keep_their_threads_senders_and_order(
    fresh_engine: Engine, cared: tuple[str, Clinicians]
) -> None:
    bundle = export(fresh_engine, cared[0])
    (patient,) = resources(bundle, "Patient")
    first, answer, other = resources(bundle, "Communication")
    assert first["topic"]["text"] == answer["topic"]["text"] == "Pain after walking"
    assert first["sender"]["reference"] == f"urn:uuid:{patient['id']}"
    assert answer["inResponseTo"] == [{"reference": f"urn:uuid:{first['id']}"}]
    assert answer["sender"] == {"display": "physio"}
    assert "inResponseTo" not in other
    assert (
        base64.b64decode(other["payload"][0]["contentAttachment"]["data"]) == b"See you on Monday."
    )


def test_each_reader_gets_only_the_notes_they_may_read(
    fresh_engine: Engine, cared: tuple[str, Clinicians]
) -> None:
    patient_id, team = cared
    person = _bodies(_as(fresh_engine, patient_id, team.person))
    assert person == ["Walking 20 minutes a day.\nNo warning signs.", "Seen by the GP: agree."]
    author = set(_bodies(_as(fresh_engine, patient_id, team.lead)))
    assert {"Working idea: fear of bending.", "Draft: review in two weeks."} <= author
    other = set(_bodies(_as(fresh_engine, patient_id, team.other)))
    assert other == {
        "Walking 20 minutes a day.\nNo warning signs.",
        "Seen by the GP: agree.",
        "Team only: sleep is poor.",
    }
    # Everyone who may export reads the team and the messages.
    assert len(resources(_as(fresh_engine, patient_id, team.person), "Communication")) == 3
    # Without a reader (a caller that names none), the care team's part is left out.
    with read_only(fresh_engine) as session:
        bare = export_fhir(session, patient_id=patient_id, change=important_change(), reader=None)
    assert resources(bare, "DocumentReference") == resources(bare, "CareTeam") == []


def test_whoever_may_export_a_record_may_read_its_team_notes_and_messages() -> None:
    """The Bundle's care-team part relies on this: the export checks record.export only."""
    for kind, care, whole, plan_only, glass in itertools.product(Kind, *([(False, True)] * 4)):
        if whole and plan_only:
            continue
        actor = Actor(kind=kind, name="someone", patient_id="p" if kind is Kind.PERSON else None)
        facts = RecordFacts("p", care, whole, plan_only, glass)
        if not sees(actor, facts) or Action.EXPORT not in allowed_on(actor, facts):
            continue
        assert {Action.NOTE_READ, Action.MESSAGE_READ, Action.TEAM_READ} <= allowed_on(
            actor, facts
        ), (kind, facts)
    plan_only = RecordFacts("p", care_access=True, plan_and_progress_only=True)
    assert Action.EXPORT not in allowed_on(Actor(kind=Kind.CLINICIAN, name="c"), plan_only)


def test_the_team_notes_and_messages_come_back_the_same_from_another_backcare(
    fresh_engine: Engine, cared: tuple[str, Clinicians], knowledge: Knowledge
) -> None:
    before = export(fresh_engine, cared[0])
    result = import_into(fresh_engine, before, knowledge)
    assert (result.care_teams, result.notes, result.messages) == (1, 5, 3)
    after = export(fresh_engine, result.patient_id)
    assert ids_aside(after) == ids_aside(before)
    # ... twice: the imported team is kept as history, beside no team of this Backcare.
    again = import_into(fresh_engine, after, knowledge)
    assert ids_aside(export(fresh_engine, again.patient_id)) == ids_aside(before)


def test_imported_notes_and_teams_give_nobody_here_access_or_authorship(
    fresh_engine: Engine, cared: tuple[str, Clinicians], knowledge: Knowledge
) -> None:
    patient_id, team = cared
    result = import_into(fresh_engine, export(fresh_engine, patient_id), knowledge)
    with read_only(fresh_engine) as session:
        authors = session.scalars(
            select(ClinicalNote.author_id).where(ClinicalNote.patient_id == result.patient_id)
        ).all()
        kept = session.scalar(
            select(func.count()).where(ImportedTeamMember.patient_id == result.patient_id)
        )
    assert authors
    assert all(author is None for author in authors)
    assert kept == 3
    # The physiotherapist of the original record reads none of the copy's author-only notes.
    copy = _bodies(_as(fresh_engine, result.patient_id, team.lead))
    assert "Working idea: fear of bending." not in copy
    assert "Working idea: fear of bending." in _bodies(
        _as(fresh_engine, result.patient_id, operator())
    )
    assert result.notices[-1].startswith("Care teams and notes keep their authors' names")
