"""Stripe event type -> (normalized kind, the fields of its object)."""

from __future__ import annotations

from sagas.domain.psp_events import PspEventKind
from sagas.gateways.stripe.events.billing import _invoice, _subscription
from sagas.gateways.stripe.events.disputes import _dispute
from sagas.gateways.stripe.events.ids import Extractor
from sagas.gateways.stripe.events.payments import _payment_intent, _session
from sagas.gateways.stripe.events.refunds import _charge, _refund

K = PspEventKind


#: Event type → (normalized kind, fields of its object). Types not listed are recorded
#: and acknowledged as no-ops: nothing we run waits for them.
DISPATCH: dict[str, tuple[PspEventKind, Extractor]] = {
    "payment_intent.succeeded": (K.PAYMENT_SUCCEEDED, _payment_intent),
    "payment_intent.amount_capturable_updated": (K.PAYMENT_AUTHORIZED, _payment_intent),
    "payment_intent.processing": (K.PAYMENT_PROCESSING, _payment_intent),
    "payment_intent.requires_action": (K.OTHER, _payment_intent),
    "payment_intent.payment_failed": (K.PAYMENT_FAILED, _payment_intent),
    "payment_intent.canceled": (K.PAYMENT_CANCELED, _payment_intent),
    "checkout.session.completed": (K.CHECKOUT_COMPLETED, _session),
    "checkout.session.async_payment_succeeded": (K.PAYMENT_SUCCEEDED, _session),
    "checkout.session.async_payment_failed": (K.PAYMENT_FAILED, _session),
    "checkout.session.expired": (K.CHECKOUT_EXPIRED, _session),
    "charge.refunded": (K.REFUND_UPDATED, _charge),
    "charge.refund.updated": (K.REFUND_UPDATED, _refund),
    "refund.created": (K.REFUND_UPDATED, _refund),
    "refund.updated": (K.REFUND_UPDATED, _refund),
    "refund.failed": (K.REFUND_UPDATED, _refund),
    "invoice.paid": (K.INVOICE_PAID, _invoice),
    "invoice.payment_succeeded": (K.INVOICE_PAID, _invoice),
    "invoice.payment_failed": (K.INVOICE_PAYMENT_FAILED, _invoice),
    "invoice.payment_action_required": (K.INVOICE_PAYMENT_FAILED, _invoice),
    "customer.subscription.created": (K.SUBSCRIPTION_UPDATED, _subscription),
    "customer.subscription.updated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "customer.subscription.deleted": (K.SUBSCRIPTION_CANCELED, _subscription),
    "charge.dispute.created": (K.DISPUTE_UPDATED, _dispute),
    "charge.dispute.updated": (K.DISPUTE_UPDATED, _dispute),
    "charge.dispute.closed": (K.DISPUTE_UPDATED, _dispute),
    "charge.dispute.funds_withdrawn": (K.DISPUTE_UPDATED, _dispute),
    "charge.dispute.funds_reinstated": (K.DISPUTE_UPDATED, _dispute),
}
