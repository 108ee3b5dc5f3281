"""A Razorpay checkout's payable object: an Order, which the payer pays on Razorpay
Checkout with the key id (it cannot be cancelled: a payment after the checkout closed is
refunded instead). Payments are ``pay_``."""

from __future__ import annotations

from sagas.domain.gateway_objects import CheckoutOrder, GatewayObject
from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.orders.create import create_order
from sagas.gateways.razorpay.orders.reads import order_payments, read_payment


class RazorpayCheckout(RazorpayAdapter):
    async def open_object(self, order: CheckoutOrder) -> GatewayObject:
        made = await create_order(
            self.client,
            checkout_id=order.checkout_id,
            order_id=order.order_id,
            amount=order.amount_minor,
            currency=order.currency,
            metadata=order.metadata,
        )
        return GatewayObject(
            kind="razorpay_order",
            object_id=made["id"],
            payer_details={
                "razorpay_order_id": made["id"],
                "key_id": self._clients.razorpay_key_id or "",
                "amount": str(made["amount"]),
                "currency": made["currency"],
            },
        )

    async def object_payments(self, flow: str, object_id: str) -> list[PaymentSnapshot]:
        return await order_payments(self.client, object_id)

    async def hinted_payment(self, hint: str) -> PaymentSnapshot | None:
        if not hint.startswith("pay_"):
            return None
        return await read_payment(self.client, hint)

    async def close_object(self, flow: str, object_id: str) -> str:
        return "not_cancellable"
