"""Public views of the objects events carry: exactly what the API's ``GET`` answers.

The renderers are the API's own (:mod:`api.views`, a leaf of models and schemas), so
``data.object`` can never drift from ``GET``. Each view flushes first and reloads the
collections it shows, so it sees the change the event reports.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.views.checkouts import checkout_out
from api.views.orders import order_out
from api.views.refunds import refund_out
from api.views.subscriptions import subscription_out
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription


def checkout_view(co: Checkout) -> dict[str, Any]:
    """The checkout as ``GET /v1/checkouts/{id}`` answers it (never its client_token)."""
    return checkout_out(co).model_dump(mode="json")


async def order_view(session: AsyncSession, order: Order) -> dict[str, Any]:
    await session.flush()
    await session.refresh(order, attribute_names=["items", "payments"])
    refunds = await session.scalars(
        select(Refund).where(Refund.order_id == order.id).order_by(Refund.created_at)
    )
    return order_out(order, list(refunds)).model_dump(mode="json")


def refund_view(refund: Refund) -> dict[str, Any]:
    return refund_out(refund).model_dump(mode="json")


def subscription_view(sub: Subscription) -> dict[str, Any]:
    return subscription_out(sub).model_dump(mode="json")


def late_payment_view(payment: Payment, refund: Refund) -> dict[str, Any]:
    """A late payment and the refund that sent it back (no ``GET`` of its own: the
    order's ``payments`` entry plus the order and refund ids)."""
    return {
        "id": payment.id,
        "order_id": payment.order_id,
        "checkout_id": payment.checkout_id,
        "gateway": payment.gateway,
        "gateway_payment_id": payment.gateway_payment_id,
        "amount": payment.amount_minor,
        "currency": payment.currency,
        "status": payment.status,
        "refunded": payment.refunded_minor,
        "refund": refund_view(refund),
    }
