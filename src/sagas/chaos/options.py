"""What one campaign does: its size, its seed, its bound, and which faults it injects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# CONTRACT 14's fault mix. The reorder rate and webhook delay are not figures the
# contract gives; 20 % reordering with a 0.3 s hold is enough to invert event pairs.
DEFAULT_FAULTS: dict[str, Any] = {
    "webhook_drop_rate": 0.10,
    "webhook_duplicate_rate": 0.10,
    "webhook_reorder_rate": 0.20,
    "webhook_delay_s": 0.3,
    "api_error_rate": 0.05,
    "api_lost_response_rate": 0.02,
}


@dataclass(frozen=True)
class Options:
    checkouts: int = 1000
    refunds: int = 200
    subscriptions: int = 50
    seed: int = 0
    duration_s: float = 1800.0  # hard bound on the whole run, start-up included
    concurrency: int = 16
    worker_kill_every_s: float = 30.0  # 0: never
    temporal_restart: bool = True
    faults: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_FAULTS))
    fuzz_cases: int = 8  # malformed bodies per endpoint (invariant 9)
