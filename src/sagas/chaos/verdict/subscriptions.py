"""Subscriptions still waiting on their PSP, for invariant 3."""

from __future__ import annotations

from ..psp import PSP_LIVE_SUBSCRIPTION
from .evidence import Evidence


def _waiting_subscriptions(ev: Evidence) -> list[str]:
    at_psp = {str(o.get("id")): o for _, o in ev.psp.subscriptions}
    out: list[str] = []
    for sub in ev.db.subscriptions:
        psp_sub = at_psp.get(sub.gateway_subscription_id or "")
        live = psp_sub is not None and str(psp_sub.get("status")) in PSP_LIVE_SUBSCRIPTION
        if sub.status == "pending_payment" and psp_sub is not None and live:
            out.append(
                f"inv3: subscription {sub.id} left pending_payment though the PSP's "
                f"subscription {psp_sub.get('id')} is {psp_sub.get('status')}"
            )
    return out
