"""The payment-read protocol: one payment, as settlement and review read it."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.settlement import PaymentSnapshot


class PaymentReadGateway(Protocol):
    """One payment, as the settlement gate and the payment review read it."""

    async def read_payment(self, payment_id: str) -> PaymentSnapshot: ...

    async def refunds_cover(self, payment_id: str, amount_minor: int) -> bool:
        """True when the PSP's own refunds (in flight or done) cover ``amount_minor``."""
        ...
