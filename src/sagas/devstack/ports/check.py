"""Checking every port the stack claims before anything starts: half a stack, with the API
failing on ``EADDRINUSE`` behind three other processes' logs, is harder to read than one
line up front."""

from __future__ import annotations

from sagas.devstack.ports.claim import PortClaim
from sagas.devstack.ports.errors import PortClashError, PortInUseError
from sagas.devstack.ports.free import is_free


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
