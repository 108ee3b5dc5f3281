"""Swept Orders (``notes.checkout_id``). Orders cannot be cancelled, so none is ever
payable-and-closable here: only the captured payments of an ``attempted`` or ``paid``
order matter."""

from __future__ import annotations

import razorpay

from sagas.domain.gateway_objects import SweptObject, SweptPayment, SweptWindow
from sagas.domain.settlement import PaymentStatus
from sagas.gateways.razorpay.orders.reads import order_payments
from sagas.gateways.razorpay.sweeps.paging import _notes, in_window


async def _orders(client: razorpay.Client, w: SweptWindow, gte: int, lte: int) -> None:
    async for order in in_window(client.order.all, gte=gte, lte=lte):
        cid = _notes(order).get("checkout_id")
        if not cid:
            continue
        w.saw("razorpay_order")
        captured: list[SweptPayment] = []
        if order.get("status") in ("attempted", "paid"):
            for snap in await order_payments(client, order["id"]):
                if snap.status is not PaymentStatus.SETTLED:
                    continue
                captured.append(
                    SweptPayment(
                        object_type="razorpay_payment",
                        payment_id=snap.payment_id,
                        gateway_object_id=order["id"],
                        checkout_id=snap.checkout_id or cid,
                        amount_minor=snap.amount_minor,
                        currency=snap.currency,
                    )
                )
        w.objects.append(
            SweptObject(
                object_type="razorpay_order",
                object_id=order["id"],
                checkout_id=cid,
                status=str(order.get("status")),
                payable=False,
                captured=tuple(captured),
            )
        )
