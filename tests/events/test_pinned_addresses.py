"""Production deliveries connect only to public addresses, resolved and checked at the
moment of the connect, so a name that rebinds to a private address after the guard's
check still reaches nothing of ours."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpcore
import httpx
import pytest

from sagas.events.delivery.pinned import PublicAddressesOnly, delivery_client
from sagas.events.delivery.sender import send
from sagas.events.delivery.store import Attempt
from sagas.events.urlguard import check_url
from tests.events.receiver import MerchantReceiver

TIMEOUT = httpx.Timeout(5.0)
PUBLIC = "93.184.216.34"


@pytest.fixture
def receiver() -> Iterator[MerchantReceiver]:
    r = MerchantReceiver()
    r.start()
    yield r
    r.stop()


def _attempt(url: str) -> Attempt:
    return Attempt("whd_pin", "evt_pin", url, '{"type": "order.paid"}', ["whsec_AAAA"])


def _resolver(*answers: str) -> Any:
    """A DNS answer per lookup, in turn (the last one repeats): the fault a rebinding
    name makes, which no real resolver on this machine can."""
    given = list(answers)

    async def getaddrinfo(host: str, port: int, **_: Any) -> list[Any]:
        address = given.pop(0) if len(given) > 1 else given[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    return getaddrinfo


async def test_development_delivers_to_loopback(receiver: MerchantReceiver) -> None:
    async with delivery_client(TIMEOUT, production=False) as client:
        outcome = await send(client, _attempt(receiver.url), now=datetime.now(UTC))
    assert outcome.ok and receiver.arrived == 1


async def test_production_never_connects_to_loopback(receiver: MerchantReceiver) -> None:
    url = f"http://localhost:{receiver.port}/hooks"
    async with delivery_client(TIMEOUT, production=True) as client:
        outcome = await send(client, _attempt(url), now=datetime.now(UTC))
    assert not outcome.ok and outcome.error and "url_not_allowed" in outcome.error
    assert receiver.arrived == 0


async def test_a_name_rebound_after_the_check_reaches_nothing(
    receiver: MerchantReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop = asyncio.get_running_loop()
    monkeypatch.setattr(loop, "getaddrinfo", _resolver(PUBLIC, "127.0.0.1"))
    url = f"https://rebind.example:{receiver.port}/hooks"
    await check_url(url, production=True)  # the guard saw a public address
    async with delivery_client(TIMEOUT, production=True) as client:
        outcome = await send(client, _attempt(url), now=datetime.now(UTC))
    assert not outcome.ok and outcome.error and "url_not_allowed" in outcome.error
    assert receiver.arrived == 0


class _Recorder(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self.hosts: list[str] = []

    async def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        self.hosts.append(host)
        raise httpcore.ConnectError("recorded")


async def test_the_socket_opens_to_the_address_that_was_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loop = asyncio.get_running_loop()
    monkeypatch.setattr(loop, "getaddrinfo", _resolver(PUBLIC, "127.0.0.1"))
    inner = _Recorder()
    with pytest.raises(httpcore.ConnectError):
        await PublicAddressesOnly(inner).connect_tcp("merchant.example", 443)
    assert inner.hosts == [PUBLIC]  # never the name, which would be resolved again
