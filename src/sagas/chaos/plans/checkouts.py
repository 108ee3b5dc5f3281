"""The planned checkouts: spread over the four flows and both gateways; most are paid
(refunds need paid orders), the rest are declined then paid, abandoned (a short expiry),
cancelled or paid after they expired. One discount code has fewer uses than the
checkouts wanting it."""

from __future__ import annotations

import random

from .checkout_plan import CheckoutPlan
from .flows import FLOW_GATEWAY, expires_within_campaign, payable_after_expiry
from .weighted import _pick

ACTIONS = (
    ("pay", 70),
    ("decline_then_pay", 8),
    ("abandon", 10),
    ("cancel", 7),
    ("pay_after_expiry", 5),
)


def checkouts(rng: random.Random, count: int) -> list[CheckoutPlan]:
    flows = list(FLOW_GATEWAY)
    out: list[CheckoutPlan] = []
    for i in range(count):
        flow = flows[i % len(flows)] if i < len(flows) else rng.choice(flows)
        action = _pick(rng, ACTIONS)
        if not expires_within_campaign(flow) and action in ("abandon", "pay_after_expiry"):
            action = "cancel"  # a session cannot expire within a campaign (30 min minimum)
        if not payable_after_expiry(flow) and action == "pay_after_expiry":
            action = "abandon"  # a link's "expiry" is its deactivation: nothing to pay
        out.append(CheckoutPlan(i, flow, action, rng.random() < 0.1))
    return out


def discount_uses(count: int) -> int:
    """Fewer uses than the ~10 % of checkouts that carry the code: the last ones race."""
    return max(1, count // 20)
