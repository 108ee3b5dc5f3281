"""Whether a port is free, and picking free ones."""

from __future__ import annotations

import errno
import socket

from sagas.devstack.ports.claim import PortClaim
from sagas.devstack.ports.errors import PortUnusableError


def is_free(claim: PortClaim) -> bool:
    """True when nothing listens on the claimed port (SO_REUSEADDR ignores TIME_WAIT)."""
    family = socket.AF_INET6 if ":" in claim.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((claim.host, claim.port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise PortUnusableError(claim, exc.strerror or str(exc)) from None
    return True


def free_ports(count: int) -> list[int]:
    """``count`` distinct loopback ports nothing listens on now (for a throwaway stack)."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port not in ports:
            ports.append(port)
    return ports
