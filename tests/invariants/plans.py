"""The chaos test's scenario mix, drawn from one seeded RNG so a failure is reproducible.

Every flow/action pair the product must survive appears at least once; the rest of the
mix is drawn at random. Actions that need the checkout to expire use a short
``expires_in_s``; a Checkout Session (Stripe's 30 min window) ends by cancellation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FLOW_GATEWAY = {
    "payment_intent": "stripe",
    "checkout_session": "stripe",
    "payment_link": "stripe",
    "order": "razorpay",
}

# (flow, action) pairs that must be in every run.
REQUIRED: tuple[tuple[str, str], ...] = (
    ("payment_intent", "pay"),
    ("payment_intent", "decline_then_pay"),
    ("payment_intent", "abandon"),
    ("payment_intent", "pay_after_expiry"),
    ("checkout_session", "pay"),
    ("checkout_session", "cancel"),
    ("payment_link", "pay"),
    ("payment_link", "pay_twice"),
    ("payment_link", "abandon"),
    ("order", "pay"),
    ("order", "manual_capture"),
    ("order", "decline_then_pay"),
    ("order", "pay_after_expiry"),
    ("order", "foreign_tuple"),
)
# What the random remainder draws from (paying actions weigh more: refunds need them).
EXTRA: tuple[tuple[str, str], ...] = (
    ("payment_intent", "pay"),
    ("payment_intent", "decline_then_pay"),
    ("checkout_session", "pay"),
    ("payment_link", "pay"),
    ("order", "pay"),
    ("order", "manual_capture"),
    ("payment_intent", "abandon"),
    ("order", "abandon"),
)
SHORT_EXPIRY_S = 4
PAYS = {"pay", "decline_then_pay", "manual_capture", "foreign_tuple", "pay_twice"}


@dataclass(frozen=True)
class Plan:
    index: int
    flow: str
    action: str
    discount: bool

    @property
    def gateway(self) -> str:
        return FLOW_GATEWAY[self.flow]

    @property
    def expires_in_s(self) -> int:
        if self.flow == "checkout_session":
            return 1800  # Stripe's minimum; these end by payment or cancellation
        return SHORT_EXPIRY_S if self.action in ("abandon", "pay_after_expiry") else 600

    @property
    def label(self) -> str:
        return f"#{self.index} {self.gateway}/{self.flow}/{self.action}" + (
            " +discount" if self.discount else ""
        )


def draw_plans(rng: random.Random, *, low: int = 18, high: int = 24) -> list[Plan]:
    total = rng.randint(max(low, len(REQUIRED)), high)
    pairs = list(REQUIRED) + [rng.choice(EXTRA) for _ in range(total - len(REQUIRED))]
    rng.shuffle(pairs)
    # More checkouts carry the code than it has uses: the last use is contested.
    discounted = set(rng.sample(range(total), k=min(total, 7)))
    return [Plan(i, flow, action, i in discounted) for i, (flow, action) in enumerate(pairs)]
