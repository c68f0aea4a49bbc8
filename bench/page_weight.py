"""What a first visit to a page costs over the wire: the page and everything it makes the
browser fetch (stylesheets, print stylesheet included, scripts, icon, manifest, the service
worker and the files it keeps for offline use), compressed and not.

Used by bench/pages_bench.py (which prints it) and tests/web/test_page_weight.py (which holds
the today page under its budget). Bytes are response bodies as sent; headers are left out
(HTTP/2 compresses them, and they are the same for every page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi.testclient import TestClient

GZIP = {"Accept-Encoding": "gzip", "Sec-Fetch-Site": "same-origin"}
"""A browser on the site's own pages (web.compression compresses only those when signed in)."""
PLAIN = {"Accept-Encoding": "identity", "Sec-Fetch-Site": "same-origin"}
SERVICE_WORKER = "/sw.js"
_LINKED = re.compile(r'<link rel="(?:stylesheet|icon|manifest)" href="(/[^"]*)"')
_SCRIPT = re.compile(r'<script src="(/[^"]*)"')
_KEPT = re.compile(r'^\s*"(/[^"]+)",?$', re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Fetched:
    """One file of a visit: its address, its size as it is, and as it travels compressed."""

    url: str
    plain: int
    wire: int


def linked(html: str) -> list[str]:
    """The stylesheets, icon, manifest and scripts a page names, in order, once each."""
    found = [*_LINKED.findall(html), *_SCRIPT.findall(html)]
    return list(dict.fromkeys(found))


def kept_offline(service_worker: str) -> list[str]:
    """The files the service worker fetches when it installs (its SHELL_FILES list)."""
    start = service_worker.index("SHELL_FILES")
    end = service_worker.index("];", start)
    return _KEPT.findall(service_worker[start:end])


def fetch(client: TestClient, url: str) -> Fetched:
    """One file, fetched compressed and plain."""
    packed = client.get(url, headers=GZIP)
    if packed.status_code != 200:
        raise RuntimeError(f"{url}: {packed.status_code}")
    plain = client.get(url, headers=PLAIN)
    return Fetched(url, plain.num_bytes_downloaded, packed.num_bytes_downloaded)


@dataclass(frozen=True, slots=True)
class Visit:
    """A first visit: the page, the files its HTML links, and the service worker's install
    (the worker and the files it keeps for offline use, fetched in the background, once per
    device; files the page fetched already are not counted twice)."""

    page: Fetched
    linked: tuple[Fetched, ...]
    offline: tuple[Fetched, ...]

    @property
    def view(self) -> tuple[Fetched, ...]:
        """What shows the page: the HTML and the files it links."""
        return (self.page, *self.linked)

    @property
    def everything(self) -> tuple[Fetched, ...]:
        return (*self.view, *self.offline)


def first_visit(client: TestClient, url: str) -> Visit:
    """The page and every file a browser fetches on its first visit to it."""
    page = fetch(client, url)
    files = linked(client.get(url, headers=PLAIN).text)
    offline: list[str] = []
    if "/static/offline.js" in files:  # it registers the service worker
        worker = client.get(SERVICE_WORKER, headers=PLAIN).text
        offline = [SERVICE_WORKER, *(f for f in kept_offline(worker) if f not in files)]
    return Visit(
        page,
        tuple(fetch(client, file) for file in files),
        tuple(fetch(client, file) for file in dict.fromkeys(offline)),
    )


def total(fetched: tuple[Fetched, ...]) -> tuple[int, int]:
    """Plain and compressed bytes of some files."""
    return sum(f.plain for f in fetched), sum(f.wire for f in fetched)
