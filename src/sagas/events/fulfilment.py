"""The fulfilment hand-off (CONTRACT section 10).

After ``paid`` the order waits until every endpoint that ``order.paid`` was delivered to
(the enabled endpoints subscribed when it was written) acknowledged it; an endpoint that
is disabled or deleted since no longer holds it. With none, or on the merchant's own
``POST /v1/orders/{id}/fulfil``, the order is fulfilled at once. Every path goes through
:func:`fulfil_order`, which locks the order, moves only a ``paid`` one, and emits
``order.fulfilled`` in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.models.checkouts import Checkout
from sagas.db.models.events import Event, EventDelivery, WebhookEndpoint
from sagas.db.models.orders import Order
from sagas.events import emitters
from sagas.events.types import HANDOFF_TYPE


async def waiting_on(session: AsyncSession, order_id: str) -> list[str]:
    """The endpoints the order's hand-off still waits on (enabled, not yet acknowledged)."""
    rows = await session.execute(
        select(EventDelivery.endpoint_id)
        .join(Event, Event.id == EventDelivery.event_id)
        .join(WebhookEndpoint, WebhookEndpoint.id == EventDelivery.endpoint_id)
        .where(
            Event.object_id == order_id,
            Event.type == HANDOFF_TYPE,
            EventDelivery.status != "succeeded",
            WebhookEndpoint.status == "enabled",
        )
    )
    return sorted({r[0] for r in rows})


async def fulfil_order(session: AsyncSession, order_id: str) -> Order | None:
    """Fulfil a ``paid`` order (and its checkout) and emit ``order.fulfilled``; any other
    status is left as it is. None if there is no such order."""
    order = await session.get(Order, order_id, with_for_update=True, populate_existing=True)
    if order is None or order.status != "paid":
        return order
    order.status, order.fulfilled_at = "fulfilled", utcnow()
    co = await session.get(Checkout, order.checkout_id, with_for_update=True)
    if co is not None and co.status == "paid":
        co.status = "fulfilled"
    await emitters.order_fulfilled(session, order)
    return order


async def release_if_acknowledged(session: AsyncSession, order_id: str) -> Order | None:
    """Fulfil the order if its hand-off waits on nobody any more."""
    order = await session.get(Order, order_id, with_for_update=True, populate_existing=True)
    if order is None or order.status != "paid":
        return order
    if await waiting_on(session, order_id):
        return order
    return await fulfil_order(session, order_id)


async def release_endpoint(session: AsyncSession, endpoint_id: str) -> int:
    """An endpoint was disabled or deleted: release the orders that waited only on it."""
    order_ids = await session.scalars(
        select(Event.object_id)
        .join(EventDelivery, EventDelivery.event_id == Event.id)
        .join(Order, Order.id == Event.object_id)
        .where(
            EventDelivery.endpoint_id == endpoint_id,
            EventDelivery.status != "succeeded",
            Event.type == HANDOFF_TYPE,
            Order.status == "paid",
        )
        .distinct()
    )
    released = 0
    for order_id in sorted(order_ids):
        order = await release_if_acknowledged(session, order_id)
        released += int(order is not None and order.status == "fulfilled")
    return released
