"""A subscription's status, and the ones it never leaves."""

from __future__ import annotations

from enum import StrEnum


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    TRIALING = "trialing"
    PENDING_PAYMENT = "pending_payment"
    PAST_DUE = "past_due"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


TERMINAL = frozenset({SubscriptionStatus.CANCELLED, SubscriptionStatus.EXPIRED})
