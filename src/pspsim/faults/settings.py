"""Fault injection settings: what a flaky PSP and a flaky network do to the product.
Webhook faults (drop, duplicate, delay, reorder) are applied by the dispatcher; a lost
answer (`api_lost_response_rate`) is `lost_answer.LostAnswerApp`'s: the call is carried
out whole, then the connection is cut before a byte of the answer is sent.
`api_error_paths`, when set, limits the API faults to those path prefixes."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any

PSP_PREFIXES = ("/stripe/", "/razorpay/")


RATE_FIELDS = (
    "webhook_drop_rate",
    "webhook_duplicate_rate",
    "webhook_reorder_rate",
    "api_error_rate",
    "api_lost_response_rate",
)


@dataclass
class Faults:
    """Current fault settings; rates are probabilities in [0, 1]."""

    webhook_drop_rate: float = 0.0
    webhook_duplicate_rate: float = 0.0
    webhook_delay_s: float = 0.0
    webhook_reorder_rate: float = 0.0
    api_error_rate: float = 0.0
    api_error_status: int = 500
    api_lost_response_rate: float = 0.0
    api_latency_s: float = 0.0
    api_error_paths: list[str] | None = None
    seed: int | None = None
    _rng: random.Random = field(default_factory=random.Random, repr=False)

    def update(self, values: dict[str, Any]) -> None:
        """Apply a partial update; raises ValueError on an unknown key or a bad value."""
        known = {k for k in asdict(self) if not k.startswith("_")}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown fault settings: {sorted(unknown)}")
        for key, value in values.items():
            if key in RATE_FIELDS and not 0.0 <= float(value) <= 1.0:
                raise ValueError(f"{key} must be between 0 and 1")
            if key == "api_error_status" and (
                not isinstance(value, int) or not 400 <= value <= 599
            ):
                raise ValueError("api_error_status must be an HTTP error status (400-599)")
            if key in ("webhook_delay_s", "api_latency_s") and float(value) < 0:
                raise ValueError(f"{key} must not be negative")
            setattr(self, key, value)
        if "seed" in values:
            self._rng = random.Random(self.seed)

    def public(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if not k.startswith("_")}

    def chance(self, rate: float) -> bool:
        """True with probability `rate` (exactly 0 and 1 never consult the RNG)."""
        if rate <= 0:
            return False
        return rate >= 1 or self._rng.random() < rate

    def hits_api_error(self, path: str) -> bool:
        if self.api_error_paths and not any(path.startswith(p) for p in self.api_error_paths):
            return False
        return self.chance(self.api_error_rate)

    def loses_answer(self, path: str) -> bool:
        """Whether this PSP API call is carried out and then its answer is lost."""
        if not path.startswith(PSP_PREFIXES):
            return False
        if self.api_error_paths and not any(path.startswith(p) for p in self.api_error_paths):
            return False
        return self.chance(self.api_lost_response_rate)
