"""Reading an order's payments, or one payment."""

from __future__ import annotations

import razorpay

from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.razorpay.client import razorpay_call
from sagas.gateways.razorpay.orders.payments import snapshot_of_payment


async def order_payments(client: razorpay.Client, order_id: str) -> list[PaymentSnapshot]:
    order = dict(await razorpay_call(client.order.fetch, order_id))
    page = await razorpay_call(client.order.payments, order_id)
    return [snapshot_of_payment(p, order) for p in page.get("items", [])]


async def read_payment(client: razorpay.Client, payment_id: str) -> PaymentSnapshot:
    payment = dict(await razorpay_call(client.payment.fetch, payment_id))
    order = None
    if payment.get("order_id"):
        order = dict(await razorpay_call(client.order.fetch, payment["order_id"]))
    return snapshot_of_payment(payment, order)
