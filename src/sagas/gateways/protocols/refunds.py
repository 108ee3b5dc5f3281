"""The refund protocol: refunds keyed by our refund id."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.refunds import PspRefund, RefundRequest


class RefundGateway(Protocol):
    """Refunds keyed by our refund id (the PSP's idempotency key)."""

    async def create_refund(self, req: RefundRequest) -> PspRefund: ...

    async def read_refund(self, gateway_refund_id: str) -> PspRefund: ...
