"""Invariant 8: the gate grants exactly the live subscriptions (in-grace past_due included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..psp import PSP_LIVE_SUBSCRIPTION, PspState
from ..rows import Db

GRANTING = ("active", "trialing")


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def inv8_entitlements(
    db: Db, granted: dict[str, set[str]], psp: PspState, now: datetime, slack_s: float
) -> list[str]:
    """8: the gate grants exactly the active, trialing and in-grace past_due subscriptions,
    never past a period end without a renewal, and a paid one only while the PSP's
    subscription is live."""
    out: list[str] = []
    at_psp = {str(o.get("id")): o for _, o in psp.subscriptions}
    slack = timedelta(seconds=slack_s)
    for sub in db.subscriptions:
        grace = _aware(sub.grace_until)
        should = sub.status in GRANTING or (
            sub.status == "past_due" and grace is not None and grace > now
        )
        has = sub.id in granted.get(sub.customer_id, set())
        who = f"subscription {sub.id} ({sub.status}, customer {sub.customer_id})"
        if has != should:
            out.append(f"inv8: {who} is {'granted' if has else 'not granted'} by the gate")
        if not has:
            continue
        end = _aware(sub.trial_end if sub.status == "trialing" else sub.current_period_end)
        if end is not None and end + slack < now:
            out.append(f"inv8: {who} still granted though its period ended at {end}")
        if sub.gateway and sub.price_minor and sub.status == "active":
            psp_sub = at_psp.get(sub.gateway_subscription_id or "")
            if psp_sub is None or str(psp_sub.get("status")) not in PSP_LIVE_SUBSCRIPTION:
                status = None if psp_sub is None else psp_sub.get("status")
                out.append(f"inv8: {who} granted while the PSP's subscription is {status}")
    return out
