"""`backcare catalog`: ids are never cut at 80 columns; `show` takes any part naming one entry."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from backcare.cli.main import app
from backcare.knowledge.loader import Knowledge

runner = CliRunner()


@pytest.mark.parametrize("columns", ["80", "60"])
def test_catalog_list_prints_every_id_whole_on_a_narrow_terminal(
    knowledge: Knowledge, columns: str
) -> None:
    result = runner.invoke(app, ["catalog", "list"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    for entry_id in knowledge.catalog:
        assert f" {entry_id} " in result.stdout, entry_id


def test_show_accepts_a_unique_prefix_or_part_of_the_id() -> None:
    for typed in ("stretch-hamstring-tow", "hamstring-towel", "HAMSTRING-TOWEL"):
        result = runner.invoke(app, ["catalog", "show", typed])
        assert result.exit_code == 0, result.output
        assert "id: stretch-hamstring-towel" in result.stdout


def test_an_ambiguous_part_is_exit_2_listing_the_candidates(knowledge: Knowledge) -> None:
    result = runner.invoke(app, ["catalog", "show", "walking"])
    assert result.exit_code == 2
    walking = sorted(i for i in knowledge.catalog if "walking" in i)
    assert len(walking) > 1
    for candidate in walking:
        assert candidate in result.stderr
    assert f"matches {len(walking)} catalog entries" in result.stderr


def test_an_unknown_id_is_exit_2_with_a_sentence() -> None:
    result = runner.invoke(app, ["catalog", "show", "no-such-item"])
    assert result.exit_code == 2
    assert "no catalog entry with an id like 'no-such-item'" in result.stderr
    assert "Traceback" not in result.output
