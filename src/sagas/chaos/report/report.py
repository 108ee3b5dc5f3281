"""The campaign's whole report and its exit code (0 only when nothing broke and it ran whole)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .invariant import Invariant


@dataclass
class Report:
    seed: int
    options: dict[str, Any]
    counts: dict[str, Any]
    faults: dict[str, Any]
    invariants: list[Invariant]
    elapsed_s: float
    complete: bool = True  # False: --duration cut a phase short
    problems: list[str] = field(default_factory=list)  # why the run is incomplete

    @property
    def broken(self) -> int:
        return sum(len(i.violations) for i in self.invariants)

    @property
    def exit_code(self) -> int:
        return 0 if self.broken == 0 and self.complete else 1

    def public(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "options": self.options,
            "counts": self.counts,
            "faults": self.faults,
            "invariants": [i.public() for i in self.invariants],
            "broken": self.broken,
            "complete": self.complete,
            "problems": self.problems,
            "elapsed_s": round(self.elapsed_s, 1),
        }
