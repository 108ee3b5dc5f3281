"""Every PSP call has a connect and a read timeout (CONTRACT 11.6): a PSP that accepts
the connection and never answers fails the call in bounded time, on both SDKs."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import requests
import stripe

from sagas.gateways import clients as gw
from sagas.gateways.errors import TransientGatewayError
from sagas.gateways.razorpay.client import TimeoutSession
from sagas.gateways.stripe.client import stripe_call
from sagas.gateways.timeouts import PSP_CONNECT_TIMEOUT_S, PSP_READ_TIMEOUT_S
from sagas.settings import Settings


@pytest.fixture
def silent_psp() -> Iterator[str]:
    """A server that accepts connections and never answers a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


def _settings(base: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        sagas_env="development",
        stripe_api_base=f"{base}/stripe",
        razorpay_api_base=f"{base}/razorpay",
    )


def test_both_sdks_are_built_with_connect_and_read_timeouts(silent_psp: str) -> None:
    built = gw.GatewayClients.from_settings(_settings(silent_psp))
    assert built.razorpay is not None and built.stripe is not None
    session = built.razorpay.session
    assert isinstance(session, TimeoutSession)
    assert session.timeout == (PSP_CONNECT_TIMEOUT_S, PSP_READ_TIMEOUT_S)
    timeout = built.stripe._requestor._client._timeout  # type: ignore[attr-defined]
    assert isinstance(timeout, httpx.Timeout)
    assert (timeout.connect, timeout.read) == (PSP_CONNECT_TIMEOUT_S, PSP_READ_TIMEOUT_S)


def test_a_hung_razorpay_call_frees_its_thread(silent_psp: str) -> None:
    import razorpay

    client = razorpay.Client(
        session=TimeoutSession(0.5, 0.3), auth=("k", "s"), base_url=f"{silent_psp}/v1"
    )
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        client.order.fetch("order_hung")
    assert time.monotonic() - started < 3


async def test_a_hung_stripe_call_is_a_transient_error(silent_psp: str) -> None:
    client = stripe.StripeClient(
        "sk_test_x",
        base_addresses={"api": f"{silent_psp}/stripe"},
        max_network_retries=0,
        http_client=stripe.HTTPXClient(timeout=httpx.Timeout(0.3, connect=0.5)),
    )
    started = time.monotonic()
    with pytest.raises(TransientGatewayError):
        await asyncio.wait_for(stripe_call(client.v1.payment_intents.retrieve_async, "pi_hung"), 5)
    assert time.monotonic() - started < 3
