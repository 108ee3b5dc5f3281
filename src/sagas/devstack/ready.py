"""Bounded readiness waits: the stack prints its URLs only once they answer.

Every wait has a deadline and re-checks a guard between attempts, so a child that dies
during start-up or a Ctrl-C ends the wait at once instead of at the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable


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
