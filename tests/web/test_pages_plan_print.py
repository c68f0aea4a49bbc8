"""The printable plan and its PDF: every item laid open, a few pages, read under the one policy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.domain.plan_model import Plan
from backcare.store.db import read_only
from backcare.web.plan_print import STOP_SIGNS
from tests.web.pages_support import context_of, template_of

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
MOST_PAGES = 5
"""The chronic test plan (40 items, 7,350 words in print) prints on 5 A4 pages with every step,
picture, caution and source (9 before each item's "why", summary and the reasons behind what is
not recommended were left to the screen; 17 for the plan page printed)."""
LEAST_WORDS_PER_PAGE = 1_350
"""The layout's density, whatever the plan's length: two columns to the end, items whole,
nothing forced onto a new page. The test plan prints 1,470 words a page (1,090 before)."""


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


def flat(text: str) -> str:
    """Words with single spaces and no hyphens: a line may break after a hyphen, and pdftotext
    then joins the halves without it ("Anti-inflammatory" reads back "Antiinflammatory")."""
    return re.sub(r"-\s*", "", " ".join(text.split()))


def page_texts(pdf: Path) -> list[str]:
    """Each page's words, spaces collapsed."""
    texts = []
    for page in range(1, page_count(pdf) + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        texts.append(flat(text))
    return texts


def plan_of(assessed: dict[str, Any]) -> Plan:
    return Plan.model_validate(assessed["plan_version"]["plan"])


def test_the_print_view_shows_every_item_with_steps_cautions_and_numbered_sources(
    client: TestClient, assessed: dict[str, Any], patient_id: str
) -> None:
    response = client.get(f"/patients/{patient_id}/plan/print")
    assert template_of(response) == "plan_print.html"
    # Emergency numbers in the text are tel: links; read them as the words they are.
    html = re.sub(r'<a class="tel" href="tel:(\d+)">\1</a>', r"\1", response.text)
    plan = plan_of(assessed)
    for item in plan.items:
        assert f'id="item-{item.id}"' in html
        for text in [*item.steps, *item.cautions]:
            assert str(_escaped(text)) in html, (item.id, text)
    for entry in plan.not_recommended:
        assert str(_escaped(entry.title)) in html
    # Nothing is folded away: <details> prints with no height.
    assert "<details" not in html
    view = context_of(response)["view"]
    printed = [item for section in view.sections for item in section.items]
    cited = {number for item in printed for number in item.sources}
    assert cited <= {source.number for source in view.sources}
    assert [s.number for s in view.sources] == list(range(1, len(view.sources) + 1))
    assert '<link rel="stylesheet" href="/static/plan-print.css">' in html


def _escaped(text: str) -> object:
    from markupsafe import escape

    return escape(text)


@pytest.mark.usefixtures("assessed")
def test_every_pictured_item_prints_its_start_and_end_pictures(
    client: TestClient, patient_id: str
) -> None:
    view = context_of(client.get(f"/patients/{patient_id}/plan/print"))["view"]
    pictured = [item for section in view.sections for item in section.items if item.pictures]
    assert pictured
    for printed in pictured:
        start, end = printed.pictures
        assert start.src.startswith("data:image/svg+xml;base64,")
        assert start.alt.startswith("Start position:")
        assert end.alt.startswith("End position:")


@pytest.mark.usefixtures("assessed")
def test_todays_items_come_first(client: TestClient, patient_id: str) -> None:
    view = context_of(client.get(f"/patients/{patient_id}/plan/print"))["view"]
    first = view.sections[0]
    assert first.id == "today"
    today_code = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[view.today.weekday()]
    assert all(today_code in printed.item.days for printed in first.items)


@pytest.mark.usefixtures("assessed")
def test_the_plan_page_links_to_the_print_view_and_the_pdf(
    client: TestClient, patient_id: str
) -> None:
    html = client.get(f"/patients/{patient_id}/plan").text
    assert f'href="/patients/{patient_id}/plan/print"' in html
    assert f'href="/patients/{patient_id}/plan.pdf"' in html


def test_without_a_plan_the_print_view_says_how_to_get_one_and_the_pdf_is_404(
    client: TestClient, patient_id: str
) -> None:
    assert template_of(client.get(f"/patients/{patient_id}/plan/print")) == "no_plan.html"
    assert client.get(f"/patients/{patient_id}/plan.pdf").status_code == 404


@pytest.mark.usefixtures("assessed")
def test_another_persons_plan_is_404_and_absurd_versions_are_refused(
    client: TestClient, patient_id: str
) -> None:
    assert client.get(f"/patients/{'e' * 32}/plan/print").status_code == 404
    assert client.get(f"/patients/{'e' * 32}/plan.pdf").status_code == 404
    assert client.get(f"/patients/{patient_id}/plan/print?version=0").status_code == 422
    assert client.get(f"/patients/{patient_id}/plan.pdf?version=99").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_reads_back_with_steps_and_sources_on_a_few_pages_and_is_audited(
    client: TestClient,
    assessed: dict[str, Any],
    patient_id: str,
    engine: Engine,
    tmp_path: Path,
) -> None:
    response = client.get(f"/patients/{patient_id}/plan.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    printed = flat(text)
    plan = plan_of(assessed)
    hamstring = next(item for item in plan.items if "hamstring" in item.id)
    assert flat(hamstring.steps[0]) in printed
    assert "When to stop or take care" in printed
    assert "Sources" in printed
    # Every item's steps, and every source's title in the one list.
    for item in plan.items:
        for text in item.steps:
            assert flat(text) in printed, (item.id, text)
    view = context_of(client.get(f"/patients/{patient_id}/plan/print"))["view"]
    for source in view.sources:
        assert flat(source.title) in printed, source.id
    pages = page_count(pdf)
    assert 1 < pages <= MOST_PAGES, pages
    assert len(printed.split()) / pages >= LEAST_WORDS_PER_PAGE, len(printed.split())
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient_id, limit=100)
    assert any(row.action == "record.read" and "plan_pdf" in row.detail for row in rows)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_no_item_is_cut_across_pages(
    client: TestClient, assessed: dict[str, Any], patient_id: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(client.get(f"/patients/{patient_id}/plan.pdf").content)
    pages = page_texts(pdf)
    for item in plan_of(assessed).items:
        # Its first printed line starts an item, its last caution (or step) ends it: some page
        # holds the title, the start and the end together.
        start = flat(item.steps[0])[:50]
        end = flat([*item.steps, *item.cautions][-1])[-40:]
        assert any(flat(item.title) in text and start in text and end in text for text in pages), (
            item.id,
            "is cut across pages",
        )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_safety_text_is_never_left_off_paper(
    client: TestClient, assessed: dict[str, Any], patient_id: str, tmp_path: Path
) -> None:
    """When to stop, every item's own cautions, and the red-flag advice all print; a caution
    is printed on the same page as its item, never moved to a list elsewhere."""
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(client.get(f"/patients/{patient_id}/plan.pdf").content)
    pages = page_texts(pdf)
    printed = " ".join(pages)
    plan = plan_of(assessed)
    assert flat(STOP_SIGNS) in printed
    assert flat(plan.triage.headline) in printed
    for item in plan.items:
        for caution in item.cautions:
            said = flat(caution)
            assert any(flat(item.title) in text and said in text for text in pages), (
                item.id,
                caution,
            )
    # The red-flag item (when to get help straight away) prints every step.
    urgent = [item for item in plan.items if any("emergency" in step for step in item.steps)]
    assert urgent
    for item in urgent:
        for step in item.steps:
            assert flat(step) in printed, (item.id, step)
