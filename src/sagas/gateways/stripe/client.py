"""The Stripe SDK client built from settings, and its errors translated into typed ones.

The SDK would invent a random idempotency key per call; every caller passes one derived
from a business id instead. SDK-level retries are off: Temporal retries activities, and
the same key makes that safe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import stripe
from stripe import StripeClient

from sagas.gateways.errors import PermanentGatewayError, TransientGatewayError
from sagas.gateways.timeouts import PSP_CONNECT_TIMEOUT_S, PSP_READ_TIMEOUT_S
from sagas.settings import Settings

__all__ = [
    "StripeClient",
    "as_dict",
    "build_client",
    "classify_stripe_error",
    "http_timeout",
    "stripe_call",
]


def http_timeout() -> httpx.Timeout:
    """Connect and read (and write, pool) timeouts for every call the SDK makes."""
    return httpx.Timeout(PSP_READ_TIMEOUT_S, connect=PSP_CONNECT_TIMEOUT_S)


def build_client(settings: Settings) -> StripeClient | None:
    """The client for the real Stripe or, via ``STRIPE_API_BASE``, the simulator."""
    if not settings.stripe_configured:
        return None
    assert settings.stripe_api_key is not None
    base = {"api": settings.stripe_api_base} if settings.stripe_api_base else None
    return stripe.StripeClient(
        settings.stripe_api_key.get_secret_value(),
        base_addresses=base,  # type: ignore[arg-type]
        max_network_retries=0,
        http_client=stripe.HTTPXClient(timeout=http_timeout()),
    )


def classify_stripe_error(err: stripe.StripeError) -> TransientGatewayError | PermanentGatewayError:
    code = getattr(err, "code", None)
    status = getattr(err, "http_status", None)
    message = getattr(err, "user_message", None) or str(err)
    if isinstance(err, stripe.APIConnectionError | stripe.RateLimitError):
        return TransientGatewayError(message, code=code, gateway="stripe")
    if isinstance(err, stripe.APIError) or (status is not None and status >= 500):
        return TransientGatewayError(message, code=code, gateway="stripe")
    if isinstance(err, stripe.IdempotencyError):
        # Same key, other parameters: a bug on our side, never fixed by retrying.
        return PermanentGatewayError(message, code="idempotency_error", gateway="stripe")
    return PermanentGatewayError(message, code=code, gateway="stripe")


async def stripe_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Await a stripe SDK ``*_async`` call, translating its errors into typed ones."""
    try:
        return await fn(*args, **kwargs)
    except stripe.StripeError as err:
        raise classify_stripe_error(err) from err


def as_dict(obj: Any) -> dict[str, Any]:
    """An SDK object (or a plain mapping) as a plain dict."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
