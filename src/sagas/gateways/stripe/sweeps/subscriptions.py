"""Swept Subscriptions that carry our subscription id."""

from __future__ import annotations

import stripe

from sagas.domain.gateway_objects import (
    SweptSubscription,
    SweptWindow,
)
from sagas.gateways.stripe.sweeps.paging import in_window

LIVE_SUBSCRIPTION = {"active", "trialing", "past_due"}


async def _subscriptions(client: stripe.StripeClient, w: SweptWindow, gte: int, lte: int) -> None:
    list_fn = client.v1.subscriptions.list_async
    async for sub in in_window(list_fn, gte=gte, lte=lte, status="all"):
        sid = (sub.get("metadata") or {}).get("subscription_id")
        if not sid:
            continue
        w.saw("subscription")
        status = str(sub.get("status"))
        w.subscriptions.append(
            SweptSubscription(sub["id"], str(sid), status, status in LIVE_SUBSCRIPTION)
        )
