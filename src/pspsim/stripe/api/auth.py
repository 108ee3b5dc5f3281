"""Stripe's bearer-key auth, with Stripe's own 401 messages (the key masked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

from pspsim.stripe.errors import StripeError

if TYPE_CHECKING:
    from pspsim.state import Sim


def checked_api_key(request: Request, sim: Sim) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if not key or scheme.lower() not in ("bearer", "basic"):
        raise StripeError(
            401,
            "invalid_request_error",
            "You did not provide an API key. You need to provide your API key in the "
            "Authorization header, using Bearer auth "
            "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        )
    if key not in sim.config.stripe_api_keys:
        masked = key[:8] + "*" * max(len(key) - 12, 4) + key[-4:]
        raise StripeError(401, "invalid_request_error", f"Invalid API Key provided: {masked}")
    return key
