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
from tests.web.pages_support import context_of, template_of

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
MOST_PAGES = 9
"""The chronic test plan (40 items, 9,800 words) prints on 9 A4 pages with every step, picture
and source (10 before the layout was tightened); the plan page printed 17 without them."""
LEAST_WORDS_PER_PAGE = 1_050
"""The layout's density, whatever the plan's length: two columns to the end, items whole,
nothing forced onto a new page. The test plan prints 1,090 words a page (980 before); the demo
plans 1,135 to 1,210 (970 to 1,035 before)."""


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


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
        texts.append(" ".join(text.split()))
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
    flat = " ".join(text.split())
    plan = plan_of(assessed)
    hamstring = next(item for item in plan.items if "hamstring" in item.id)
    assert " ".join(hamstring.steps[0].split()) in flat
    assert "When to stop or take care" in flat
    assert "Sources" in flat
    pages = page_count(pdf)
    assert 1 < pages <= MOST_PAGES
    assert len(flat.split()) / pages >= LEAST_WORDS_PER_PAGE
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
        # The summary starts an item and is its own; its last step or caution ends it.
        start = " ".join(item.summary.split())[:50]
        end = " ".join([*item.steps, *item.cautions][-1].split())[-40:]
        on = [n for n, text in enumerate(pages) if start in text]
        assert len(on) == 1, (item.id, start)
        assert item.title in pages[on[0]], item.id
        assert end in pages[on[0]], (item.id, "ends on another page")
