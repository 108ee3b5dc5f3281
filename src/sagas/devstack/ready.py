"""Bounded readiness probes: the stack prints its URLs only once they answer.

Every wait has a deadline and re-checks a guard between attempts, so a child that dies
during start-up or a Ctrl-C ends the wait at once instead of at the deadline.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import httpx


class NotReadyError(Exception):
    """A component did not become ready within its deadline."""


def wait_for(
    what: str,
    check: Callable[[], bool],
    *,
    timeout_s: float,
    guard: Callable[[], None] = lambda: None,
    interval_s: float = 0.25,
) -> None:
    """Poll ``check`` until it is true; ``guard`` raises to abandon the wait."""
    deadline = time.monotonic() + timeout_s
    while True:
        guard()
        if check():
            return
        if time.monotonic() >= deadline:
            raise NotReadyError(f"{what} was not ready after {timeout_s:.0f} s")
        time.sleep(interval_s)


def tcp_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def http_ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False
