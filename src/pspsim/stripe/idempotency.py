"""Stripe's Idempotency-Key semantics (docs.stripe.com/idempotency).

Same key and same parameters (and endpoint) replay the saved status and body; the same
key with other parameters is a 400 `idempotency_error`. Results are saved once the
endpoint runs, including card errors and 5xx, but not validation errors. Keys expire
after `SimConfig.idempotency_ttl_s` (24 h), and are scoped to the API key.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from pspsim.stripe.errors import StripeError, invalid

if TYPE_CHECKING:
    from pspsim.state import Sim

MAX_KEY_LENGTH = 255


def fingerprint(method: str, path: str, params: dict[str, Any]) -> str:
    return json.dumps([method, path, params], sort_keys=True)


def lookup(sim: Sim, api_key: str, key: str, print_: str) -> tuple[int, dict[str, Any]] | None:
    """The saved answer for a replay; raises the idempotency error on a mismatch."""
    if len(key) > MAX_KEY_LENGTH:
        raise invalid(
            f"Idempotency keys can be at most {MAX_KEY_LENGTH} characters long.",
            param="Idempotency-Key",
        )
    _prune(sim)
    saved = sim.idempotency.get((api_key, key))
    if saved is None:
        return None
    if saved["fingerprint"] != print_:
        raise StripeError(
            400,
            "idempotency_error",
            "Keys for idempotent requests can only be used with the same parameters they "
            f"were first used with. Try using a key other than '{key}' if you meant to "
            "execute a different request.",
        )
    return saved["status"], saved["body"]


def save(sim: Sim, api_key: str, key: str, print_: str, status: int, body: dict[str, Any]) -> None:
    sim.idempotency[(api_key, key)] = {
        "fingerprint": print_,
        "status": status,
        "body": body,
        "at": time.monotonic(),
    }


def _prune(sim: Sim) -> None:
    horizon = time.monotonic() - sim.config.idempotency_ttl_s
    for k in [k for k, v in sim.idempotency.items() if v["at"] < horizon]:
        del sim.idempotency[k]
