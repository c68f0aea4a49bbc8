"""htmx is loaded only by the pages that use it (the phone's byte budget), so each of those
must load it itself."""

from __future__ import annotations

import re
from pathlib import Path

from backcare.web import templating

HX_ATTRIBUTE = re.compile(r"\shx-(get|post|boost|trigger)")


def test_every_page_that_uses_htmx_loads_it() -> None:
    # A page with hx- attributes but no htmx shows only its no-script links (the team page's
    # "Coming up" did once): each such template loads htmx in its own head block.
    folder = Path(templating.__file__).parent / "templates"
    using = [
        page.name
        for page in folder.glob("*.html")
        if page.name != "base.html"
        and re.search(r"\shx-(get|post|boost|trigger)", page.read_text())
    ]
    assert "team.html" in using
    for name in using:
        assert "/static/htmx.min.js" in (folder / name).read_text(), name
