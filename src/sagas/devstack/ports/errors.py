"""Why a port cannot be used: taken, unusable, or claimed twice by the stack's own settings."""

from __future__ import annotations

from sagas.devstack.ports.claim import PortClaim


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


class PortClashError(Exception):
    def __init__(self, first: PortClaim, second: PortClaim) -> None:
        super().__init__(
            f"port {first.port} is set for both {first.label} and {second.label}; "
            f"set {second.setting}"
        )
