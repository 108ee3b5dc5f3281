"""`expires_at` must lie 30 minutes to 24 hours after creation (the limit whose absence in
an earlier mock stranded real orders); without it a session lasts the full 24 hours."""

from __future__ import annotations

from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_int

MIN_EXPIRY_S = 30 * 60
MAX_EXPIRY_S = 24 * 3600


def expires_at(params: Params, created: int) -> int:
    value = opt_int(params, "expires_at")
    if value is None:
        return created + MAX_EXPIRY_S
    if not created + MIN_EXPIRY_S <= value <= created + MAX_EXPIRY_S:
        raise invalid(
            "The `expires_at` timestamp must be at least 30 minutes and at most 24 hours "
            "after Checkout Session creation.",
            param="expires_at",
        )
    return value
