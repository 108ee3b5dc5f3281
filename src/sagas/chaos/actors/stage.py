"""What a campaign's actors share: the stage they act on and what they started.

One coroutine per planned checkout, refund and subscription; each records what it
started, so the checker knows which flows are the campaign's. Nothing here judges
money state: that is the invariants' job."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from ..http import Api
from ..plans.checkout_plan import CheckoutPlan


@dataclass
class Started:
    """What the campaign started, by kind: the ids the checker narrows its reads to."""

    checkouts: dict[str, CheckoutPlan] = field(default_factory=dict)
    orders: dict[str, str] = field(default_factory=dict)  # checkout id -> order id
    totals: dict[str, int] = field(default_factory=dict)  # checkout id -> total
    discounted: set[str] = field(default_factory=set)  # checkouts holding the code
    refunds: set[str] = field(default_factory=set)
    subscriptions: set[str] = field(default_factory=set)
    customers: dict[str, str] = field(default_factory=dict)  # subscription id -> customer
    refused: list[str] = field(default_factory=list)  # creates that never got a 2xx


@dataclass
class Stage:
    api: Api
    run: str  # a per-run tag: customers and keys never collide with another run's
    products: dict[str, str]  # currency -> product id
    code: str
    plans: dict[str, str]  # subscription kind -> plan id
    started: Started = field(default_factory=Started)


def run_tag() -> str:
    return uuid.uuid4().hex[:8]
