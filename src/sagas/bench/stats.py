"""Percentiles and the result record of one phase (checkouts, or the no-op saga).

Nearest-rank percentiles: with 50 samples p99 is the slowest one, which is what a reader
of a small benchmark expects ("the worst we saw") rather than an interpolated value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


def percentile(samples: list[float], pct: float) -> float | None:
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Result:
    count: int
    concurrency: int
    gateway: str
    flow: str
    wall_s: float = 0.0
    create_ms: list[float] = field(default_factory=list)  # POST /v1/checkouts -> 201
    settle_ms: list[float] = field(default_factory=list)  # payer pays -> fulfilled
    total_ms: list[float] = field(default_factory=list)  # create sent -> fulfilled
    failures: list[str] = field(default_factory=list)
    rss_mib: dict[str, dict[str, float]] = field(default_factory=dict)  # part -> rss/peak
    cpu_ms: dict[str, float] = field(default_factory=dict)  # part -> CPU ms per flow
    transport_errors: int = 0
    watcher: str = ""  # how completion was seen

    @property
    def completed(self) -> int:
        return len(self.total_ms)

    @property
    def throughput(self) -> float:
        return self.completed / self.wall_s if self.wall_s else 0.0

    def summary(self) -> dict[str, Any]:
        def pcts(xs: list[float]) -> dict[str, float | None]:
            return {f"p{p}": _round(percentile(xs, p)) for p in (50, 95, 99)} | {
                "max": _round(max(xs) if xs else None)
            }

        return {
            "count": self.count,
            "completed": self.completed,
            "failed": len(self.failures),
            "concurrency": self.concurrency,
            "gateway": self.gateway,
            "flow": self.flow,
            "wall_s": round(self.wall_s, 2),
            "throughput_per_s": round(self.throughput, 2),
            "create_to_201_ms": pcts(self.create_ms),
            "pay_to_fulfilled_ms": pcts(self.settle_ms),
            "create_to_fulfilled_ms": pcts(self.total_ms),
            "rss_mib": self.rss_mib,
            "cpu_ms_per_flow": self.cpu_ms,
            "transport_errors": self.transport_errors,
            "completion_seen_by": self.watcher,
            "failures": self.failures[:20],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 1)
