"""Fault injection: what a flaky PSP and a flaky network do to the product.

Webhook faults (drop, duplicate, delay, reorder) are applied by the dispatcher; API
faults (5xx answers, latency) by `api_fault_middleware` on the `/stripe` and `/razorpay`
prefixes, with each PSP's own 5xx body so its SDK raises what it would raise in
production (`stripe.APIError`, `razorpay.errors.ServerError`).
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

RATE_FIELDS = (
    "webhook_drop_rate",
    "webhook_duplicate_rate",
    "webhook_reorder_rate",
    "api_error_rate",
)


@dataclass
class Faults:
    """Current fault settings; rates are probabilities in [0, 1]."""

    webhook_drop_rate: float = 0.0
    webhook_duplicate_rate: float = 0.0
    webhook_delay_s: float = 0.0
    webhook_reorder_rate: float = 0.0
    api_error_rate: float = 0.0
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


def _server_error(path: str) -> Response:
    if path.startswith("/razorpay"):
        body: dict[str, Any] = {
            "error": {
                "code": "SERVER_ERROR",
                "description": "The server encountered an error. The incident has been reported.",
                "source": "NA",
                "step": "NA",
                "reason": "NA",
                "metadata": {},
                "field": None,
            }
        }
        return Response(json.dumps(body), status_code=500, media_type="application/json")
    body = {
        "error": {
            "type": "api_error",
            "message": "An unknown error occurred (simulated fault).",
        }
    }
    return Response(
        json.dumps(body),
        status_code=500,
        media_type="application/json",
        headers={"Stripe-Should-Retry": "true"},
    )


async def api_fault_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Slow down or fail PSP API calls as the fault settings say; pages and `/_sim` pass."""
    path = request.url.path
    if not path.startswith(("/stripe/", "/razorpay/")):
        return await call_next(request)
    faults: Faults = request.app.state.sim.faults
    if faults.api_latency_s > 0:
        await asyncio.sleep(faults.api_latency_s)
    if faults.hits_api_error(path):
        return _server_error(path)
    return await call_next(request)
