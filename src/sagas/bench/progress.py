"""A one-line progress bar on stderr (stdout is the report).

Redrawn in place at most five times a second on a terminal, once a second otherwise (a
log file then gets a short line per second instead of thousands of carriage returns).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self._label = label
        self._total = max(total, 1)
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._every = 0.2 if self._tty else 1.0
        self._last = 0.0
        self._started = time.perf_counter()
        self.done = 0
        self.failed = 0
        self.errors = 0

    def tick(self, *, ok: bool, errors: int | None = None) -> None:
        """One flow done; ``errors`` is the run's transport error count so far."""
        self.done += 1
        self.failed += 0 if ok else 1
        self.errors = self.errors if errors is None else errors
        self._draw(final=False)

    def close(self) -> None:
        self._draw(final=True)

    def _draw(self, *, final: bool) -> None:
        now = time.perf_counter()
        if not final and now - self._last < self._every:
            return
        self._last = now
        filled = int(WIDTH * self.done / self._total)
        rate = self.done / (now - self._started) if now > self._started else 0.0
        line = (
            f"{self._label:<10} [{'#' * filled}{'.' * (WIDTH - filled)}] "
            f"{self.done}/{self._total} {rate:6.1f}/s failed {self.failed} "
            f"transport errors {self.errors}"
        )
        end = "\n" if final or not self._tty else ""
        self._stream.write(("\r" if self._tty else "") + line + end)
        self._stream.flush()
