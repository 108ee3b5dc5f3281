"""Razorpay Plans and Subscriptions through the sync SDK (run off the loop by
:func:`razorpay_call`).

Razorpay takes no idempotency key on these calls: the plan id is stored on our plan row
once created, and the subscription id on our subscription row by the same activity, which
looks there first, so a retry re-uses what exists. A crash between Razorpay's answer and
that store would still leave a subscription we do not know of, so before creating one we
look for it at Razorpay: every one we create carries ``notes.subscription_id``, and a
live one carrying ours is adopted instead of making a second.
"""

from __future__ import annotations

from typing import Any

import razorpay

from sagas.gateways.clients import razorpay_call
from sagas.gateways.errors import PermanentGatewayError
from sagas.workflows.subscription.models import PspView

PERIODS = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}
ENDED = frozenset({"cancelled", "completed", "expired"})
FAILED = frozenset({"pending", "halted"})
# Razorpay needs a total number of charges; this covers ten years of the plan's periods.
_YEARS = 10
_PER_YEAR = {"day": 365, "week": 52, "month": 12, "year": 1}


def unsupported_reason(interval: str, interval_count: int) -> str | None:
    """Why Razorpay cannot bill this plan, or None (daily plans need an interval ≥ 7)."""
    if interval not in PERIODS:
        return f"razorpay has no {interval} period"
    if interval == "day" and interval_count < 7:
        return "razorpay daily plans need an interval of at least 7 days"
    return None


def total_count(interval: str, interval_count: int) -> int:
    return max(1, (_PER_YEAR[interval] * _YEARS) // interval_count)


async def ensure_plan(
    client: razorpay.Client,
    *,
    plan_id: str,
    name: str,
    amount_minor: int,
    currency: str,
    interval: str,
    interval_count: int,
) -> str:
    plan = await razorpay_call(
        client.plan.create,
        {
            "period": PERIODS[interval],
            "interval": interval_count,
            "item": {"name": name, "amount": amount_minor, "currency": currency.upper()},
            "notes": {"plan_id": plan_id},
        },
    )
    return str(plan["id"])


#: Razorpay lists newest first and filters by plan, not by notes: we scan at most this
#: many pages of our plan's subscriptions (a lost answer is minutes old: on page one).
FIND_PAGE_SIZE = 100
FIND_MAX_PAGES = 10


async def find_subscription(
    client: razorpay.Client, *, subscription_id: str, razorpay_plan_id: str
) -> dict[str, Any] | None:
    """The live Razorpay subscription on this plan whose notes name ours, if any."""
    for page in range(FIND_MAX_PAGES):
        batch: dict[str, Any] = await razorpay_call(
            client.subscription.all,
            {"plan_id": razorpay_plan_id, "count": FIND_PAGE_SIZE, "skip": page * FIND_PAGE_SIZE},
        )
        items: list[dict[str, Any]] = batch.get("items") or []
        for sub in items:
            notes = sub.get("notes")
            ours = isinstance(notes, dict) and notes.get("subscription_id") == subscription_id
            if ours and sub.get("status") not in ENDED:
                return sub
        if len(items) < FIND_PAGE_SIZE:
            return None
    return None


async def create_subscription(
    client: razorpay.Client,
    *,
    subscription_id: str,
    customer_id: str,
    razorpay_plan_id: str,
    interval: str,
    interval_count: int,
    key_id: str | None,
) -> tuple[str, dict[str, str]]:
    """Create the Razorpay subscription, or adopt the one an earlier attempt created."""
    found = await find_subscription(
        client, subscription_id=subscription_id, razorpay_plan_id=razorpay_plan_id
    )
    sub: dict[str, Any] = (
        found
        if found is not None
        else await razorpay_call(
            client.subscription.create,
            {
                "plan_id": razorpay_plan_id,
                "total_count": total_count(interval, interval_count),
                "customer_notify": 0,
                "notes": {"subscription_id": subscription_id, "customer_id": customer_id},
            },
        )
    )
    details = {
        "gateway_subscription_id": str(sub["id"]),
        "razorpay_subscription_id": str(sub["id"]),
    }
    if sub.get("short_url"):
        details["short_url"] = str(sub["short_url"])
    if key_id:
        details["key_id"] = key_id
    return str(sub["id"]), details


async def read_subscription(client: razorpay.Client, gateway_subscription_id: str) -> PspView:
    sub: dict[str, Any] = await razorpay_call(client.subscription.fetch, gateway_subscription_id)
    status = str(sub.get("status"))
    paid_count = int(sub.get("paid_count") or 0)
    # A failed renewal leaves paid_count where it was, so a new count is a new payment.
    paid = paid_count > 0 and status not in FAILED
    return PspView(
        gateway_subscription_id=str(sub["id"]),
        psp_status=status,
        paid_marker=f"paid_count:{paid_count}" if paid else None,
        plan_ref=str(sub.get("plan_id")) if sub.get("plan_id") else None,
        payment_failed=status in FAILED,
        ended=status in ENDED,
    )


async def cancel_subscription(
    client: razorpay.Client, gateway_subscription_id: str, *, at_period_end: bool
) -> str:
    current = await read_subscription(client, gateway_subscription_id)
    if current.ended:
        return current.psp_status
    try:
        sub = await razorpay_call(
            client.subscription.cancel,
            gateway_subscription_id,
            {"cancel_at_cycle_end": 1 if at_period_end else 0},
        )
    except PermanentGatewayError:
        again = await read_subscription(client, gateway_subscription_id)
        if again.ended:
            return again.psp_status
        raise
    return str(sub["status"])
