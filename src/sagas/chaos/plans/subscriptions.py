"""The planned subscriptions: free, with a trial, or paid on either gateway; some cancelled."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .weighted import _pick

SUB_KINDS = (("free", 15), ("trial", 20), ("paid_stripe", 35), ("paid_razorpay", 30))
#: The gateway a subscription of each kind is billed through (a free one has none).
SUB_GATEWAY = {"trial": "stripe", "paid_stripe": "stripe", "paid_razorpay": "razorpay"}


@dataclass(frozen=True)
class SubscriptionPlan:
    index: int
    kind: str  # free | trial | paid_stripe | paid_razorpay
    cancel: bool

    @property
    def gateway(self) -> str | None:
        return SUB_GATEWAY.get(self.kind)


def subscriptions(rng: random.Random, count: int) -> list[SubscriptionPlan]:
    return [SubscriptionPlan(i, _pick(rng, SUB_KINDS), rng.random() < 0.2) for i in range(count)]
