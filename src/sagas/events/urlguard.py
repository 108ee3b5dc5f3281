"""Which endpoint URLs a merchant may register (SSRF guard, CONTRACT section 10).

Production: ``https://`` only, and every address the host resolves to must be public
(loopback, link-local, private, shared, reserved, multicast and unspecified ranges are
refused), so an endpoint cannot make us call into our own network. The dispatcher checks
again before each attempt, because a name can resolve elsewhere later, and the
delivery client connects only to the public addresses it resolved itself
(:mod:`sagas.events.delivery.pinned`). Development:
``http://`` and loopback are fine (a receiver on the developer's machine).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from sagas.services.errors import ServiceError


class UrlNotAllowed(ServiceError):
    status = 422
    code = "url_not_allowed"


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_shape(url: str, *, production: bool) -> tuple[str, int]:
    """Scheme, host and port as a URL; answers (host, port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise UrlNotAllowed(f"not a URL: {err}") from err
    allowed = ("https",) if production else ("https", "http")
    if parts.scheme not in allowed:
        raise UrlNotAllowed(f"the URL must use {' or '.join(allowed)}")
    if not parts.hostname:
        raise UrlNotAllowed("the URL has no host")
    if parts.username or parts.password:
        raise UrlNotAllowed("credentials in the URL are not accepted")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


async def check_url(url: str, *, production: bool) -> None:
    """Raise :class:`UrlNotAllowed` unless the URL may be called in this environment."""
    host, port = check_shape(url, production=production)
    if not production:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as err:
        raise UrlNotAllowed(f"{host} does not resolve") from err
    addresses = {info[4][0] for info in infos}
    if not addresses or not all(is_public(str(a)) for a in addresses):
        raise UrlNotAllowed(f"{host} resolves to an address that is not public")
