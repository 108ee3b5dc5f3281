"""The event types of CONTRACT section 10: the names a merchant subscribes to."""

from __future__ import annotations

EVENT_TYPES: tuple[str, ...] = (
    "checkout.requires_action",
    "checkout.paid",
    "checkout.expired",
    "checkout.cancelled",
    "checkout.failed",
    "order.authorized",
    "order.paid",
    "order.fulfilled",
    "order.voided",
    "order.partially_refunded",
    "order.refunded",
    "order.disputed",
    "order.charged_back",
    "refund.succeeded",
    "refund.failed",
    "subscription.trialing",
    "subscription.active",
    "subscription.renewed",
    "subscription.payment_action_required",
    "subscription.past_due",
    "subscription.cancelled",
    "subscription.expired",
    "payment.late_refunded",
    "dispute.opened",
    "dispute.updated",
    "dispute.won",
    "dispute.lost",
)
KNOWN = frozenset(EVENT_TYPES)
WILDCARD = "*"

# The hand-off: an order is fulfilled once every endpoint subscribed to this acknowledged it.
HANDOFF_TYPE = "order.paid"


def subscribed(event_types: list[str], event_type: str) -> bool:
    return WILDCARD in event_types or event_type in event_types
