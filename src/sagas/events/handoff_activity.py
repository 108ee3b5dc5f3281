"""The checkout saga's last step under the hand-off: ``checkout.hand_off``.

Instead of flipping the order to ``fulfilled`` itself, the saga asks whether anyone must
acknowledge ``order.paid`` first (:mod:`sagas.events.fulfilment`): with nobody the order
is fulfilled here (and ``order.fulfilled`` emitted); otherwise it answers ``paid`` and
the acknowledgement, an endpoint's release or ``POST /v1/orders/{id}/fulfil`` finishes
it later, outside the saga. Idempotent: a retry finds the order as it left it.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.models import CheckoutRef
from sagas.db.engine import unit_of_work
from sagas.db.models.checkouts import Checkout
from sagas.events.fulfilment import release_if_acknowledged, waiting_on


class HandOffResult(BaseModel):
    order_status: str
    waiting_on: list[str] = []


class HandOffActivities:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn(name="checkout.hand_off")
    async def hand_off(self, ref: CheckoutRef) -> HandOffResult:
        async with unit_of_work(self._sessions) as session:
            co = await session.get(Checkout, ref.checkout_id)
            if co is None:
                raise ApplicationError(
                    f"no checkout {ref.checkout_id}", type="NotFound", non_retryable=True
                )
            order = await release_if_acknowledged(session, co.order_id)
            if order is None:
                raise ApplicationError(
                    f"no order {co.order_id}", type="NotFound", non_retryable=True
                )
            pending = await waiting_on(session, order.id) if order.status == "paid" else []
            return HandOffResult(order_status=order.status, waiting_on=pending)
