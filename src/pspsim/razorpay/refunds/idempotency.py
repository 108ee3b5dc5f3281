"""`X-Refund-Idempotency` (10+ characters of `[A-Za-z0-9_-]`): the same key and body
answer the same refund; the same key with another body is a 400."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.refunds.lookup import get
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{10,}$")


def replayed(sim: Sim, payment_id: str, params: dict[str, Any], key: str | None) -> Obj | None:
    """The refund this key already made for the same body; None for a new request."""
    if key is not None:
        if not KEY_PATTERN.match(key):
            raise bad_request("The idempotency key is invalid.", "X-Refund-Idempotency")
        fingerprint = json.dumps([payment_id, params], sort_keys=True)
        seen = sim.store.razorpay.get(f"_refund_key:{key}")
        if seen is not None:
            if seen["fingerprint"] != fingerprint:
                raise bad_request(
                    "Different request with the same idempotency key has already been processed."
                )
            return get(sim, seen["refund_id"])
    return None


def remember(
    sim: Sim, payment_id: str, params: dict[str, Any], key: str | None, refund: Obj
) -> None:
    if key is not None:
        sim.store.razorpay[f"_refund_key:{key}"] = {
            "fingerprint": json.dumps([payment_id, params], sort_keys=True),
            "refund_id": refund["id"],
        }
