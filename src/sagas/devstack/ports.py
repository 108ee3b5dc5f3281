"""Refuse to start on a taken port, with a message that says which setting to change.

Checked before anything starts: half a stack, with the API failing on ``EADDRINUSE``
behind three other processes' logs, is harder to read than one line up front.
"""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class PortClaim:
    """A port the stack is about to listen on, and the setting that moves it."""

    label: str
    host: str
    port: int
    setting: str


class PortInUseError(Exception):
    def __init__(self, claim: PortClaim) -> None:
        self.claim = claim
        super().__init__(
            f"port {claim.port} ({claim.label}) is already in use; set {claim.setting}"
        )


class PortUnusableError(Exception):
    def __init__(self, claim: PortClaim, reason: str) -> None:
        super().__init__(
            f"cannot listen on {claim.host}:{claim.port} ({claim.label}): {reason}; "
            f"set {claim.setting}"
        )


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


class PortClashError(Exception):
    def __init__(self, first: PortClaim, second: PortClaim) -> None:
        super().__init__(
            f"port {first.port} is set for both {first.label} and {second.label}; "
            f"set {second.setting}"
        )


def check_ports(claims: list[PortClaim]) -> None:
    """Raise for two claims on one port, or for the first claim whose port is taken."""
    seen: dict[int, PortClaim] = {}
    for claim in claims:
        if claim.port in seen:
            raise PortClashError(seen[claim.port], claim)
        seen[claim.port] = claim
    for claim in claims:
        if not is_free(claim):
            raise PortInUseError(claim)
