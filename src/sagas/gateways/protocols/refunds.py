"""The refund protocol: refunds keyed by our refund id."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.refunds import PspRefund, RefundRequest


class RefundGateway(Protocol):
    """Refunds keyed by our refund id (the PSP's idempotency key)."""

    async def create_refund(self, req: RefundRequest) -> PspRefund: ...

    async def read_refund(self, gateway_refund_id: str) -> PspRefund: ...

    async def find_refund(self, payment_id: str, refund_id: str) -> PspRefund | None:
        """Our refund among the payment's refunds at the PSP, by the id we put in its
        metadata / notes: a create whose answer was lost is found again even once the
        PSP has forgotten its idempotency key."""
        ...
