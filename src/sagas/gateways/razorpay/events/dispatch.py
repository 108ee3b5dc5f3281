"""Razorpay event name -> (normalized kind, the extractor of its object's id and fields)."""

from __future__ import annotations

from sagas.domain.psp_events import PspEventKind
from sagas.gateways.razorpay.events.disputes import _dispute
from sagas.gateways.razorpay.events.entities import Extractor
from sagas.gateways.razorpay.events.payments import _order_paid, _payment
from sagas.gateways.razorpay.events.refunds import _refund
from sagas.gateways.razorpay.events.subscriptions import _subscription

K = PspEventKind


#: Event name → (normalized kind, extractor returning the main object id and fields).
DISPATCH: dict[str, tuple[PspEventKind, Extractor]] = {
    "payment.authorized": (K.PAYMENT_AUTHORIZED, _payment),
    "payment.captured": (K.PAYMENT_SUCCEEDED, _payment),
    "payment.failed": (K.PAYMENT_FAILED, _payment),
    "order.paid": (K.PAYMENT_SUCCEEDED, _order_paid),
    "refund.created": (K.REFUND_UPDATED, _refund),
    "refund.processed": (K.REFUND_UPDATED, _refund),
    "refund.failed": (K.REFUND_UPDATED, _refund),
    "refund.speed_changed": (K.REFUND_UPDATED, _refund),
    "subscription.authenticated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.activated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.charged": (K.INVOICE_PAID, _subscription),
    "subscription.pending": (K.INVOICE_PAYMENT_FAILED, _subscription),
    "subscription.halted": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.updated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.paused": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.resumed": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.completed": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.cancelled": (K.SUBSCRIPTION_CANCELED, _subscription),
    **{
        f"payment.dispute.{name}": (K.DISPUTE_UPDATED, _dispute)
        for name in ("created", "under_review", "action_required", "won", "lost", "closed")
    },
}
