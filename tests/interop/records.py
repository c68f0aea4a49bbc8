"""Hypothesis strategies for whole records: an intake and months of tracking around it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from backcare.tracking.vocabulary import WarningSymptom
from tests.strategies import intakes, startback

START = dt.date(2024, 1, 1)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
SCORE = st.integers(0, 10)
WARNINGS = st.lists(st.sampled_from(list(WarningSymptom)), unique=True, max_size=2)


@st.composite
def checkins(draw: st.DrawFn) -> list[dict[str, Any]]:
    days = draw(st.lists(st.integers(0, 120), unique=True, max_size=12))
    return [
        {
            "date": START + dt.timedelta(days=day),
            "pain_now": draw(SCORE),
            "sessions_done": draw(st.integers(0, 3)),
            "minutes": draw(st.integers(0, 90)),
            "notes": draw(TEXT),
            "warnings": draw(
                st.lists(st.sampled_from(list(WarningSymptom)), unique=True, max_size=2)
            ),
            "flare_up": draw(st.booleans()),
        }
        for day in days
    ]


@st.composite
def measures(draw: st.DrawFn) -> list[dict[str, Any]]:
    kinds = st.sampled_from(["NPRS", "PEG", "PSFS", "STARTBACK"])
    found = []
    for kind in draw(st.lists(kinds, max_size=6)):
        value: dict[str, Any] = {"kind": kind}
        if kind == "NPRS":
            value["score"] = draw(SCORE)
        elif kind == "PEG":
            value |= {"pain": draw(SCORE), "enjoyment": draw(SCORE), "activity": draw(SCORE)}
        elif kind == "PSFS":
            names = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1)
            named = names.filter(lambda text: text.strip() != "")
            activities = st.lists(st.tuples(named, SCORE), min_size=1, max_size=5)
            value["activities"] = [
                {"activity": name.strip()[:200], "score": score} for name, score in draw(activities)
            ]
        else:
            value["answers"] = draw(startback())
        day = START + dt.timedelta(days=draw(st.integers(0, 120)))
        found.append({"date": day, "value": value})
    return found


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """An intake (assessed into a plan), check-ins, sessions of planned items, measures, alerts."""
    return {
        "name": draw(
            st.text(st.characters(categories=("L", "Zs")), min_size=1, max_size=30).filter(
                lambda text: text.strip() != ""
            )
        ),
        "intake": draw(intakes()),
        "checkins": draw(checkins()),
        "sessions": draw(
            st.lists(
                st.tuples(
                    st.integers(0, 120),
                    st.integers(0, 3600),
                    SCORE,
                    st.booleans(),
                    st.integers(0, 50),
                ),
                max_size=8,
            )
        ),
        "measures": draw(measures()),
        "alerts": draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["red_flag", "pain_worsening", "no_improvement"]), st.booleans()
                ),
                max_size=3,
            )
        ),
    }


WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t"),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip() != "")
SUBJECT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda text: text.strip() != "")


@st.composite
def care(draw: st.DrawFn) -> dict[str, Any]:
    """A care team (which clinicians, who leads, who left), notes by its clinicians (any
    visibility, drafts, addenda by anyone in the team) and conversations with the person."""
    clinicians = draw(st.integers(1, 3))
    notes = [
        {
            "author": draw(st.integers(0, clinicians - 1)),
            "visibility": draw(st.sampled_from(["team_and_person", "team", "author"])),
            "kind": draw(st.sampled_from(["assessment", "treatment", "progress"])),
            "sign": draw(st.booleans()),
            "body": draw(WORDS).strip(),
            "addenda": draw(
                st.lists(
                    st.tuples(st.integers(0, clinicians - 1), WORDS.map(str.strip)), max_size=2
                )
            ),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    threads = [
        {
            "subject": draw(SUBJECT).strip(),
            # Speaker -1 is the person, 0.. the clinicians.
            "said": draw(
                st.lists(
                    st.tuples(st.integers(-1, clinicians - 1), WORDS.map(str.strip)),
                    min_size=1,
                    max_size=4,
                )
            ),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "clinicians": clinicians,
        "lead": draw(st.integers(0, clinicians - 1)),
        "left": draw(st.booleans()),
        "notes": notes,
        "threads": threads,
    }
