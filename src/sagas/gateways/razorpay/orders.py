"""Razorpay Orders for checkouts: create (deduped on ``receipt``), read payments, capture.

Razorpay has no idempotency header for orders; ``receipt`` is unique per account, so the
receipt is the checkout id and a retried create first looks the receipt up (a lost answer
must not turn into a second order). Orders cannot be cancelled: a payment that lands after
the checkout closed is refunded instead. The SDK is synchronous; every call goes through
:func:`razorpay_call` (a thread with a timeout, errors classified).

Binding a payment to a checkout: a payment's own ``notes`` come from the payer's browser
(checkout.js options), so they prove nothing. The binding is the payment's ``order_id``,
set by Razorpay, and that order's ``notes.checkout_id``, set by us when we created it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from typing import Any

import razorpay

from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.clients import razorpay_call
from sagas.gateways.errors import PermanentGatewayError

_STATUS = {
    "captured": PaymentStatus.SETTLED,
    "authorized": PaymentStatus.AUTHORIZED,
    "failed": PaymentStatus.FAILED,
    "refunded": PaymentStatus.REFUNDED,
    "created": PaymentStatus.PENDING,
}


def _notes(raw: Any) -> dict[str, Any]:
    return raw if isinstance(raw, dict) else {}


def snapshot_of_payment(payment: dict[str, Any], order: dict[str, Any] | None) -> PaymentSnapshot:
    """``order`` is the payment's order as Razorpay reports it (None: the payment has none,
    so it is bound to no checkout)."""
    bound = order is not None and order.get("id") == payment.get("order_id")
    return PaymentSnapshot(
        gateway="razorpay",
        payment_id=payment["id"],
        gateway_object_id=str(payment.get("order_id") or ""),
        checkout_id=_notes(order.get("notes")).get("checkout_id") if bound and order else None,
        status=_STATUS.get(str(payment.get("status")), PaymentStatus.PENDING),
        amount_minor=int(payment.get("amount") or 0),
        currency=str(payment.get("currency") or "").upper(),
        failure=payment.get("error_description"),
    )


async def create_order(
    client: razorpay.Client, *, checkout_id: str, order_id: str, amount: int, currency: str
) -> dict[str, Any]:
    found = await razorpay_call(client.order.all, {"receipt": checkout_id})
    for existing in found.get("items", []):
        if existing.get("receipt") == checkout_id:
            return dict(existing)
    data = {
        "amount": amount,
        "currency": currency.upper(),
        "receipt": checkout_id,
        "notes": {"checkout_id": checkout_id, "order_id": order_id},
    }
    return dict(await razorpay_call(client.order.create, data))


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


async def capture(
    client: razorpay.Client, payment_id: str, *, amount: int, currency: str
) -> PaymentSnapshot:
    """Capture an authorized payment; capturing twice is not an error here (re-read)."""
    # Already captured, or refused: the re-read below says which.
    with contextlib.suppress(PermanentGatewayError):
        await razorpay_call(client.payment.capture, payment_id, amount, {"currency": currency})
    return await read_payment(client, payment_id)


def payment_signature_valid(order_id: str, payment_id: str, signature: str, secret: str) -> bool:
    """Razorpay Checkout's callback signature: HMAC-SHA256(``order_id|payment_id``, key
    secret), hex; compared in constant time (as the SDK's ``verify_payment_signature``)."""
    expected = hmac.new(secret.encode(), f"{order_id}|{payment_id}".encode(), hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), signature)
