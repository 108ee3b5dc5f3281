"""SDK clients built from settings: the real ``stripe`` and ``razorpay`` SDKs, pointed at the
real PSPs or, via ``*_API_BASE``, at the simulator.

Stripe's SDK would invent a random idempotency key per call; every caller here passes one
derived from a business id instead. SDK-level retries are off: Temporal retries activities,
and the same key makes that safe. The Razorpay SDK is synchronous; :func:`razorpay_call`
runs it off the event loop with an explicit timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import razorpay
import requests
import stripe
from razorpay import Client as RazorpayClient
from stripe import StripeClient

from sagas.gateways.errors import (
    GatewayNotConfigured,
    PermanentGatewayError,
    TransientGatewayError,
)
from sagas.settings import Settings

T = TypeVar("T")
RAZORPAY_TIMEOUT_S = 20.0


@dataclass
class GatewayClients:
    stripe: StripeClient | None
    razorpay: RazorpayClient | None
    razorpay_key_id: str | None
    razorpay_key_secret: str | None

    @classmethod
    def from_settings(cls, settings: Settings) -> GatewayClients:
        stripe_client = None
        if settings.stripe_configured:
            assert settings.stripe_api_key is not None
            base = {"api": settings.stripe_api_base} if settings.stripe_api_base else None
            stripe_client = stripe.StripeClient(
                settings.stripe_api_key.get_secret_value(),
                base_addresses=base,  # type: ignore[arg-type]
                max_network_retries=0,
                http_client=stripe.HTTPXClient(timeout=20),
            )
        rzp_client = None
        secret = None
        if settings.razorpay_configured:
            assert settings.razorpay_key_secret is not None
            secret = settings.razorpay_key_secret.get_secret_value()
            options: dict[str, Any] = {}
            if settings.razorpay_api_base:
                options["base_url"] = settings.razorpay_api_base
            rzp_client = razorpay.Client(auth=(settings.razorpay_key_id, secret), **options)
        return cls(
            stripe=stripe_client,
            razorpay=rzp_client,
            razorpay_key_id=settings.razorpay_key_id,
            razorpay_key_secret=secret,
        )

    def require_stripe(self) -> StripeClient:
        if self.stripe is None:
            raise GatewayNotConfigured("Stripe is not configured", gateway="stripe")
        return self.stripe

    def require_razorpay(self) -> RazorpayClient:
        if self.razorpay is None:
            raise GatewayNotConfigured("Razorpay is not configured", gateway="razorpay")
        return self.razorpay


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


async def razorpay_call(
    fn: Callable[..., T], *args: Any, timeout: float = RAZORPAY_TIMEOUT_S, **kwargs: Any
) -> T:
    """Run a sync razorpay SDK call in a thread with a timeout; translate its errors.

    The SDK maps errors by ``error.code`` only: BAD_REQUEST_ERROR is the PSP saying no;
    SERVER_ERROR, GATEWAY_ERROR, network errors and timeouts are transient.
    """
    try:
        return await asyncio.wait_for(asyncio.to_thread(fn, *args, **kwargs), timeout)
    except TimeoutError as err:
        raise TransientGatewayError("razorpay call timed out", gateway="razorpay") from err
    except razorpay.errors.BadRequestError as err:
        raise PermanentGatewayError(str(err), code="BAD_REQUEST_ERROR", gateway="razorpay") from err
    except (razorpay.errors.ServerError, razorpay.errors.GatewayError) as err:
        raise TransientGatewayError(str(err), code=type(err).__name__, gateway="razorpay") from err
    except (requests.RequestException, ValueError) as err:
        # ValueError covers a non-JSON body (requests' JSONDecodeError subclasses it).
        raise TransientGatewayError(f"razorpay transport error: {err}", gateway="razorpay") from err
