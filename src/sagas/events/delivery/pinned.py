"""The HTTP transport of production deliveries: it connects only to public addresses.

Checking an endpoint's name before each attempt is not enough on its own: the name is
resolved again when the connection is made, and a name that answered with a public
address for the check can answer with ``127.0.0.1`` or ``169.254.169.254`` a moment
later (DNS rebinding). Here the name is resolved once, inside the connect itself, every
address it resolves to is checked, and the socket is opened to one of those checked
addresses; TLS still verifies the certificate against the URL's host name, which
httpcore passes to the TLS handshake, not the address. Proxies from the environment are
not used (a proxy would connect on our behalf to whatever it is asked).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterable

import httpcore
import httpx

from sagas.events.urlguard import is_public

#: httpx's own defaults, which a bare httpcore pool (10 connections) would not have: the
#: dispatcher sends many deliveries at once, and none should wait for a connection.
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


class PublicAddressesOnly(httpcore.AsyncNetworkBackend):
    """A network backend that resolves, checks, then connects to a checked address."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout
            )
        except (OSError, TimeoutError) as err:
            raise httpcore.ConnectError(f"{host} does not resolve") from err
        addresses = [str(info[4][0]) for info in infos]
        if not addresses or not all(is_public(a) for a in addresses):
            raise httpcore.ConnectError(f"url_not_allowed: {host} resolves to a non-public address")
        return await self._inner.connect_tcp(
            addresses[0], port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("url_not_allowed: unix sockets are not endpoints")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PublicOnlyTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (its error mapping, pooling and TLS), with the connection
    pool's network backend replaced by :class:`PublicAddressesOnly`."""

    def __init__(
        self,
        backend: httpcore.AsyncNetworkBackend | None = None,
        limits: httpx.Limits = LIMITS,
    ) -> None:
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PublicAddressesOnly(backend),
        )


def delivery_client(timeout: httpx.Timeout, *, production: bool) -> httpx.AsyncClient:
    """The dispatcher's client: redirects never followed; in production, public
    addresses only (development delivers to receivers on the developer's machine)."""
    if not production:
        return httpx.AsyncClient(timeout=timeout, follow_redirects=False)
    return httpx.AsyncClient(
        timeout=timeout, follow_redirects=False, trust_env=False, transport=PublicOnlyTransport()
    )
