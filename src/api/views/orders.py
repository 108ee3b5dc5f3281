"""An order as ``GET`` (and its merchant events) show it."""

from __future__ import annotations

from api.schemas.orders import OrderOut
from api.views.order_lines import item_out, order_refund_out, payment_out
from sagas.db.models.orders import Order
from sagas.db.models.refunds import Refund


def order_out(order: Order, refunds: list[Refund]) -> OrderOut:
    return OrderOut(
        id=order.id,
        checkout_id=order.checkout_id,
        customer_id=order.customer_id,
        customer_email=order.customer_email,
        status=order.status,
        status_reason=order.status_reason,
        gateway=order.gateway,
        currency=order.currency,
        gross=order.subtotal_minor,
        discount=order.discount_minor,
        net=order.total_minor,
        captured=order.captured_minor,
        authorized=sum(p.amount_minor for p in order.payments if p.status == "authorized"),
        refunded=order.refunded_minor,
        discount_code=order.discount_code,
        paid_at=order.paid_at,
        fulfilled_at=order.fulfilled_at,
        created_at=order.created_at,
        items=[item_out(i) for i in order.items],
        payments=[payment_out(p) for p in order.payments],
        refunds=[order_refund_out(r) for r in refunds],
    )
