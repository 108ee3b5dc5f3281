"""The Razorpay SDK client built from settings, and :func:`razorpay_call`, which runs the
synchronous SDK off the event loop with an explicit timeout and typed errors."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import razorpay
import requests
from razorpay import Client as RazorpayClient

from sagas.gateways.errors import PermanentGatewayError, TransientGatewayError
from sagas.gateways.timeouts import PSP_CONNECT_TIMEOUT_S, PSP_READ_TIMEOUT_S
from sagas.settings import Settings

__all__ = [
    "RAZORPAY_TIMEOUT_S",
    "RazorpayClient",
    "TimeoutSession",
    "build_client",
    "razorpay_call",
]

T = TypeVar("T")
RAZORPAY_TIMEOUT_S = 20.0


def build_client(settings: Settings) -> tuple[RazorpayClient | None, str | None]:
    """The client (for the real Razorpay or, via ``RAZORPAY_API_BASE``, the simulator) and
    its key secret."""
    if not settings.razorpay_configured:
        return None, None
    assert settings.razorpay_key_secret is not None
    secret = settings.razorpay_key_secret.get_secret_value()
    options: dict[str, Any] = {}
    if settings.razorpay_api_base:
        options["base_url"] = settings.razorpay_api_base
    session = TimeoutSession(PSP_CONNECT_TIMEOUT_S, PSP_READ_TIMEOUT_S)
    client = razorpay.Client(session=session, auth=(settings.razorpay_key_id, secret), **options)
    return client, secret


class TimeoutSession(requests.Session):
    """A requests session with a (connect, read) timeout on every call. The Razorpay SDK
    calls ``session.get/post/...`` without one; a hung socket would keep its thread (the
    ``asyncio.wait_for`` in :func:`razorpay_call` stops waiting for the thread, not the
    thread), and a few such calls exhaust the worker's thread pool."""

    def __init__(self, connect_s: float, read_s: float) -> None:
        super().__init__()
        self.timeout = (connect_s, read_s)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)


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
