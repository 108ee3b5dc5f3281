"""Deactivating a Payment Link so it takes no more payments."""

from __future__ import annotations

import stripe

from sagas.gateways.stripe.client import as_dict, stripe_call


async def deactivate_link(client: stripe.StripeClient, link_id: str) -> bool:
    link = as_dict(
        await stripe_call(
            client.v1.payment_links.update_async,
            link_id,
            params={"active": False},
            options={"idempotency_key": f"deactivate-{link_id}"},
        )
    )
    return bool(link.get("active"))
