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

from sagas.domain.subscriptions import (
    PlanTerms,
    PspView,
    RetryPaymentResult,
    SubscriptionCancel,
    SubscriptionRequest,
)
from sagas.gateways.cancellation import cancel_unless_ended
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.client import razorpay_call
from sagas.gateways.razorpay.traits import PERIODS
from sagas.gateways.razorpay.traits import unsupported_reason as unsupported_reason

ENDED = frozenset({"cancelled", "completed", "expired"})
FAILED = frozenset({"pending", "halted"})
# Razorpay needs a total number of charges; this covers ten years of the plan's periods.
_YEARS = 10
_PER_YEAR = {"day": 365, "week": 52, "month": 12, "year": 1}


def total_count(interval: str, interval_count: int) -> int:
    return max(1, (_PER_YEAR[interval] * _YEARS) // interval_count)


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


class RazorpaySubscriptions(RazorpayAdapter):
    async def ensure_plan(self, plan: PlanTerms) -> str:
        item = {"name": plan.name, "amount": plan.amount_minor, "currency": plan.currency.upper()}
        made = await razorpay_call(
            self.client.plan.create,
            {
                "period": PERIODS[plan.interval],
                "interval": plan.interval_count,
                "item": item,
                "notes": {"plan_id": plan.plan_id},
            },
        )
        return str(made["id"])

    async def create_subscription(self, req: SubscriptionRequest) -> tuple[str, dict[str, str]]:
        """Create the Razorpay subscription, or adopt the one an earlier attempt created.
        With a trial it starts at ``trial_end``: the payer's authentication payment now saves
        the card (₹5, refunded by Razorpay) and Razorpay charges it when the trial ends."""
        params: dict[str, Any] = {
            "plan_id": req.plan_ref,
            "total_count": total_count(req.plan.interval, req.plan.interval_count),
            "customer_notify": 0,
            "notes": {"subscription_id": req.subscription_id, "customer_id": req.customer_id},
        }
        if req.gateway_customer_id:
            params["customer_id"] = req.gateway_customer_id
        if req.trial_end is not None:
            params["start_at"] = int(req.trial_end.timestamp())
        found = await find_subscription(
            self.client, subscription_id=req.subscription_id, razorpay_plan_id=req.plan_ref
        )
        sub: dict[str, Any] = (
            found
            if found is not None
            else await razorpay_call(self.client.subscription.create, params)
        )
        details = {
            "gateway_subscription_id": str(sub["id"]),
            "razorpay_subscription_id": str(sub["id"]),
        }
        if sub.get("short_url"):
            details["short_url"] = str(sub["short_url"])
        if key_id := self._clients.razorpay_key_id:
            details["key_id"] = key_id
        return str(sub["id"]), details

    async def read_subscription(self, gateway_subscription_id: str) -> PspView:
        sub: dict[str, Any] = await razorpay_call(
            self.client.subscription.fetch, gateway_subscription_id
        )
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

    async def retry_payment(
        self, gateway_subscription_id: str, *, subscription_id: str, retry_index: int
    ) -> RetryPaymentResult:
        """Razorpay retries a failed charge on its own schedule: nothing to ask it."""
        return RetryPaymentResult(attempted=False, detail="razorpay retries itself")

    async def close_first_payment(self, gateway_subscription_id: str) -> bool:
        """Nothing to close first: a cancelled Razorpay subscription's payment page takes
        no payment (a payment made just before the cancel is the saga's read after it)."""
        return True

    async def cancel_subscription(self, req: SubscriptionCancel) -> str:
        """Cancel now or at the cycle's end (Razorpay takes no idempotency key here; one
        already ended is left alone)."""

        async def cancel() -> str:
            at_end = {"cancel_at_cycle_end": 1 if req.at_period_end else 0}
            sub = await razorpay_call(
                self.client.subscription.cancel, req.gateway_subscription_id, at_end
            )
            return str(sub["status"])

        return await cancel_unless_ended(
            lambda: self.read_subscription(req.gateway_subscription_id), cancel
        )
