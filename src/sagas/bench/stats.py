"""Percentiles, the result record, and how it prints (a table, or JSON).

Nearest-rank percentiles: with 50 samples p99 is the slowest one, which is what a reader
of a small benchmark expects ("the worst we saw") rather than an interpolated value.
"""

from __future__ import annotations

import json
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
            "failures": self.failures[:20],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def to_json(result: Result) -> str:
    return json.dumps(result.summary(), indent=2)


def to_table(result: Result) -> str:
    s = result.summary()
    lines = [
        f"sagas bench: {s['completed']}/{s['count']} checkouts fulfilled "
        f"({s['gateway']}/{s['flow']}, concurrency {s['concurrency']}) in {s['wall_s']} s",
        "",
        f"  {'latency (ms)':<26}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}",
    ]
    for label, key in (
        ("create -> 201", "create_to_201_ms"),
        ("pay -> fulfilled", "pay_to_fulfilled_ms"),
        ("create -> fulfilled", "create_to_fulfilled_ms"),
    ):
        row = s[key]
        cells = "".join(f"{_cell(row[k]):>9}" for k in ("p50", "p95", "p99", "max"))
        lines.append(f"  {label:<26}{cells}")
    lines += ["", f"  throughput                {s['throughput_per_s']} checkouts/s (end to end)"]
    if s["rss_mib"]:
        for part, mem in s["rss_mib"].items():
            lines.append(
                f"  {part + ' memory':<26}{mem['rss']:.0f} MiB RSS (peak {mem['peak']:.0f} MiB)"
            )
    else:
        lines.append("  memory                    n/a (no local worker/API process to read)")
    if s["failures"]:
        lines += ["", f"  {s['failed']} failed, first ones:"]
        lines += [f"    - {f}" for f in s["failures"][:5]]
    return "\n".join(lines)


def _cell(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}"
