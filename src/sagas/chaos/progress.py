"""A one-line progress bar on stderr: the phase, a bar, counts, elapsed and the bound.

On a terminal it redraws in place; otherwise (CI logs) it prints a line at most every
ten seconds, so a log shows progress without thousands of lines.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 28


class Progress:
    def __init__(self, bound_s: float, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self.bound_s = bound_s
        self._last = 0.0
        self.phase = ""
        self.done = 0
        self.total = 0
        self.note = ""

    def set(self, phase: str, done: int, total: int, note: str = "") -> None:
        self.phase, self.done, self.total, self.note = phase, done, total, note
        self.draw()

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        self.draw()

    def say(self, message: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(f"sagas chaos: {message}\n")
        self.stream.flush()
        self.draw(force=True)

    def draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.phase:
            return  # nothing to show before the first phase
        if not force and now - self._last < (0.2 if self.tty else 10.0):
            return
        self._last = now
        filled = int(WIDTH * self.done / self.total) if self.total else 0
        bar = "#" * filled + "-" * (WIDTH - filled)
        line = (
            f"{self.phase:<12} [{bar}] {self.done}/{self.total} "
            f"{now - self.started:5.0f}s/{self.bound_s:.0f}s {self.note}"
        )
        if self.tty:
            self.stream.write("\r\033[K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
