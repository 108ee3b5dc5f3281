"""The capture protocol: capturing or voiding an authorized payment."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.captures import CaptureOutcome, CaptureRequest, VoidOutcome
from sagas.domain.settlement import PaymentSnapshot


class CaptureGateway(Protocol):
    """Authorized payments: the whole capture a PSP whose ``traits.captures_authorized``
    needs before money is ours, and the merchant's capture (all or part) or void of a
    manual-capture checkout (CONTRACT 11.2)."""

    async def capture(
        self, payment_id: str, *, amount_minor: int, currency: str
    ) -> PaymentSnapshot: ...

    async def capture_authorized(self, req: CaptureRequest) -> CaptureOutcome:
        """Keep ``req.amount_minor`` of the authorization, release the rest."""
        ...

    async def void(self, payment_id: str, *, void_id: str) -> VoidOutcome:
        """Release the whole authorization; idempotent."""
        ...
