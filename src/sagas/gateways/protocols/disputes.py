"""The dispute protocol: reading, answering or accepting a chargeback."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.disputes import PspDispute


class DisputeGateway(Protocol):
    """Chargebacks: read the PSP's dispute, answer it with evidence, or accept it."""

    async def read_dispute(self, gateway_dispute_id: str) -> PspDispute: ...

    async def submit_evidence(
        self, gateway_dispute_id: str, *, text: str, submit: bool, key: str
    ) -> PspDispute:
        """Save ``text`` as the evidence and, with ``submit``, send it to the bank; ``key``
        is the idempotency key where the PSP takes one."""
        ...

    async def accept_dispute(self, gateway_dispute_id: str, *, key: str) -> PspDispute:
        """Concede the dispute: it is lost."""
        ...
