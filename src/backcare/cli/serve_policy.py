"""When ``backcare serve`` may listen beyond this machine: the rule and its one sentence.

On a loopback address only programs on this machine reach the server, and the Host check
(allowed hosts, loopback names by default) stops other web sites from reaching it through
the browser. Any other address lets other machines in, so the names they use must be
configured (or every Host would be refused, or, worse, accepted) and the traffic, health
data and later sign-in secrets, must travel over https: Backcare's own certificate, or a TLS
proxy in front that it is told about (``--behind-proxy``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from backcare.settings import LOOPBACK_HOSTS, TEST_CLIENT_HOST

LOOPBACK_NAMES = frozenset({"localhost", *LOOPBACK_HOSTS, "::1"})


@dataclass(frozen=True, slots=True)
class Exposure:
    """How ``serve`` was asked to listen."""

    host: str
    allowed_hosts: tuple[str, ...]
    certificate: bool
    behind_proxy: bool


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve anywhere


def refusal(exposure: Exposure) -> str | None:
    """None when the server may start as asked, else the one sentence that says why not."""
    if is_loopback(exposure.host):
        return None
    outside = [
        h for h in exposure.allowed_hosts if h not in LOOPBACK_NAMES and h != TEST_CLIENT_HOST
    ]
    missing = []
    if not outside:
        missing.append("the host names people will use (--allowed-host NAME)")
    if not (exposure.certificate or exposure.behind_proxy):
        missing.append(
            "https (--ssl-certfile and --ssl-keyfile, or --behind-proxy behind a TLS proxy)"
        )
    if not missing:
        return None
    return (
        f"serve: --host {exposure.host} can be reached from other machines, so Backcare "
        f"needs {' and '.join(missing)} before it serves anyone's health data; "
        "see SECURITY.md."
    )


def link_base(exposure: Exposure, port: int) -> str:
    """The address to print one-time sign-in links under: one the Host check will let in.

    On loopback, this machine's address; beyond it, the first plain allowed name over https
    (through the proxy's own port when behind one).
    """
    named = [
        h
        for h in exposure.allowed_hosts
        if h not in LOOPBACK_NAMES and h != TEST_CLIENT_HOST and not h.startswith("*.")
    ]
    if named and exposure.behind_proxy:
        return f"https://{named[0]}"
    if named and exposure.certificate:
        return f"https://{named[0]}:{port}"
    scheme = "https" if exposure.certificate else "http"
    shown = exposure.host if is_loopback(exposure.host) else "127.0.0.1"
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"{scheme}://{shown}:{port}"
