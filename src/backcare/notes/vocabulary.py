"""The words notes are made of: what kind of note, and who may read it."""

from __future__ import annotations

from enum import StrEnum


class NoteKind(StrEnum):
    """What a note records."""

    ASSESSMENT = "assessment"
    TREATMENT = "treatment"
    PROGRESS = "progress"


class Visibility(StrEnum):
    """Who may read a note besides its author."""

    TEAM_AND_PERSON = "team_and_person"
    """The person and every clinician in their care."""
    TEAM = "team"
    """Every clinician in the person's care, not the person."""
    AUTHOR = "author"
    """Only the clinician who wrote it (a working note)."""
