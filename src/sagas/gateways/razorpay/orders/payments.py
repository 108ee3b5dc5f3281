"""A Razorpay payment as a PaymentSnapshot.

Binding a payment to a checkout: a payment's own ``notes`` come from the payer's browser
(checkout.js options), so they prove nothing. The binding is the payment's ``order_id``,
set by Razorpay, and that order's ``notes.checkout_id``, set by us when we created it.
"""

from __future__ import annotations

from typing import Any

from sagas.domain.settlement import PaymentSnapshot, PaymentStatus

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
