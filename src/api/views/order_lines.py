"""An order's items, payments and refunds as its ``GET`` lists them."""

from __future__ import annotations

from api.schemas.orders import OrderItemOut, PaymentOut
from api.schemas.orders import RefundOut as OrderRefundOut
from sagas.db.models.orders import OrderItem, Payment
from sagas.db.models.refunds import Refund


def item_out(i: OrderItem) -> OrderItemOut:
    return OrderItemOut(
        product_id=i.product_id,
        product_name=i.product_name,
        category=i.category,
        unit_price=i.unit_price_minor,
        quantity=i.quantity,
        line_total=i.line_total_minor,
        custom_data=i.custom_data,
    )


def payment_out(p: Payment) -> PaymentOut:
    return PaymentOut(
        id=p.id,
        gateway=p.gateway,
        gateway_payment_id=p.gateway_payment_id,
        gateway_object_id=p.gateway_object_id,
        amount=p.amount_minor,
        currency=p.currency,
        status=p.status,
        refunded=p.refunded_minor,
        created_at=p.created_at,
    )


def order_refund_out(r: Refund) -> OrderRefundOut:
    return OrderRefundOut(
        id=r.id,
        amount=r.amount_minor,
        currency=r.currency,
        status=r.status,
        origin=r.origin,
        reason=r.reason,
        created_at=r.created_at,
    )
