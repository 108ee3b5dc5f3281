"""One endpoint's ingest figures: deliveries answered 2xx per second, and their latency."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sagas.bench.stats import percentile


@dataclass
class IngestResult:
    label: str
    sent: int
    connections: int
    flows: int
    wall_s: float = 0.0
    latency_ms: list[float] = field(default_factory=list)  # every answered request
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 300)

    @property
    def failed(self) -> bool:
        return self.ok < self.sent

    @property
    def rate(self) -> float:
        return self.ok / self.wall_s if self.wall_s else 0.0

    def summary(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 1)

        return {
            "endpoint": self.label,
            "sent": self.sent,
            "ok": self.ok,
            "non_2xx": sum(n for s, n in self.statuses.items() if not 200 <= s < 300),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "transport_errors": self.transport_errors,
            "wall_s": round(self.wall_s, 2),
            "per_s": round(self.rate, 1),
            "latency_ms": {f"p{p}": r(percentile(self.latency_ms, p)) for p in (50, 95, 99)}
            | {"max": r(max(self.latency_ms) if self.latency_ms else None)},
        }
