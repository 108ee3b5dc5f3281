"""Swept Checkout Sessions: payable while ``open``. A Payment Link is found through the
Sessions it opened (a Link has no creation time of its own to page by)."""

from __future__ import annotations

import stripe

from sagas.domain.gateway_objects import (
    SweptWindow,
)
from sagas.gateways.stripe.sweeps.paging import in_window
from sagas.gateways.stripe.sweeps.swept import _cid, _swept


async def _sessions(client: stripe.StripeClient, w: SweptWindow, gte: int, lte: int) -> None:
    """Open Sessions may be orphans; a paid Session's or Link's money is its PaymentIntent,
    which carries the checkout in its metadata and is swept with the PaymentIntents."""
    links: set[str] = set()
    async for cs in in_window(client.v1.checkout.sessions.list_async, gte=gte, lte=lte):
        cid = _cid(cs)
        link = cs.get("payment_link")
        if not cid and not link:
            continue
        w.saw("checkout_session")
        if link:
            links.add(str(link))
        elif cs.get("status") == "open" and cid:
            w.objects.append(_swept(cs, "checkout_session", cid, payable=True))
    w.saw("payment_link", len(links))
