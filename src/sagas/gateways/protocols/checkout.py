"""The checkout protocol: a checkout's payable object at the PSP."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.gateway_objects import (
    CheckoutOrder,
    GatewayObject,
)
from sagas.domain.settlement import PaymentSnapshot


class CheckoutGateway(Protocol):
    """A checkout's payable object: open it, read its payments, make it unpayable."""

    async def open_object(self, order: CheckoutOrder) -> GatewayObject:
        """Create the object (idempotent on the checkout id) and what the payer needs."""
        ...

    async def object_payments(self, flow: str, object_id: str) -> list[PaymentSnapshot]:
        """Every payment the PSP holds for the object."""
        ...

    async def hinted_payment(self, hint: str) -> PaymentSnapshot | None:
        """The payment an event named by ``hint``; None if the id is not one of ours."""
        ...

    async def close_object(self, flow: str, object_id: str) -> str:
        """Make the object unpayable; answers its final status (it may have been paid)."""
        ...
