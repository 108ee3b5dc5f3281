"""Swept Subscriptions (``notes.subscription_id``), live once paid."""

from __future__ import annotations

import razorpay

from sagas.domain.gateway_objects import SweptSubscription, SweptWindow
from sagas.gateways.razorpay.sweeps.paging import _notes, in_window

LIVE_SUBSCRIPTION = {"active", "authenticated", "pending"}


async def _subscriptions(client: razorpay.Client, w: SweptWindow, gte: int, lte: int) -> None:
    async for sub in in_window(client.subscription.all, gte=gte, lte=lte):
        sid = _notes(sub).get("subscription_id")
        if not sid:
            continue
        w.saw("subscription")
        status = str(sub.get("status"))
        live = status in LIVE_SUBSCRIPTION and int(sub.get("paid_count") or 0) > 0
        w.subscriptions.append(SweptSubscription(sub["id"], str(sid), status, live))
