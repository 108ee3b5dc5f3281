"""The Checkout Sessions a Payment Link opened, every page."""

from __future__ import annotations

from typing import Any

import stripe

from sagas.gateways.stripe.client import as_dict, stripe_call


async def link_session_ids(client: stripe.StripeClient, link_id: str) -> list[str]:
    """Sessions a Payment Link opened, from ``GET /v1/checkout/sessions?payment_link=``,
    every page (an account-wide event list capped at one page of 100 missed a link's
    payment on a busy account, and events only go back 30 days)."""
    found: list[str] = []
    params: dict[str, Any] = {"payment_link": link_id, "limit": 100}
    for _ in range(50):  # bounded: 5,000 sessions of one link
        page = as_dict(await stripe_call(client.v1.checkout.sessions.list_async, params=params))
        data = page.get("data") or []
        for obj in data:
            if obj.get("payment_link") == link_id and obj.get("id") not in found:
                found.append(obj["id"])
        if not page.get("has_more") or not data:
            break
        params = {**params, "starting_after": data[-1]["id"]}
    return found
