"""The caseload: its figures, its order, its pages, and one SQL statement whatever its size."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, event

from backcare.accounts.repository import account_by_name
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only
from backcare.team.caseload import caseload
from tests.team.conftest import Team, invite, join
from tests.web.conftest import TODAY


def test_the_week_figures_and_the_trend(team: Team) -> None:
    join(team.physio, invite(team))
    for n in range(14):
        day = TODAY - dt.timedelta(days=13 - n)
        pain = 7 if n < 7 else 4
        body = {"date": day.isoformat(), "pain_now": pain, "sessions_done": 1, "minutes": 20}
        response = team.person.post(f"/api/v1/patients/{team.patient_id}/checkins", json=body)
        assert response.status_code == 201, response.text
    [row] = team.physio.get("/api/v1/clinician/caseload").json()
    assert row["last_checkin"] == TODAY.isoformat()
    assert (row["sessions_this_week"], row["sessions_planned"]) == (7, 5)
    assert (row["pain_this_week"], row["pain_last_week"]) == (4.0, 7.0)
    assert row["trend"] == "better"
    assert row["level"] == "self_care"
    assert row["share"] == "whole_record"


def test_one_statement_and_pages_whatever_the_size(
    team: Team, engine: Engine, knowledge: Knowledge
) -> None:
    join(team.physio, invite(team))
    with read_only(engine) as session:
        account = account_by_name(session, "physio")
        assert account is not None
        statements: list[str] = []

        def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            rows = caseload(
                session, clinician_id=account.id, today=TODAY, thresholds=knowledge.thresholds
            )
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert len(rows) == 1
        assert len(statements) == 1
        skipped = caseload(
            session,
            clinician_id=account.id,
            today=TODAY,
            thresholds=knowledge.thresholds,
            offset=1,
        )
        assert skipped == []
    bad = team.physio.get("/api/v1/clinician/caseload", params={"limit": 0})
    assert bad.status_code == 422
