"""The merchant's refund on a paid order: full, partial, racing, or the same key twice."""

from __future__ import annotations

import asyncio
from typing import Any

from ..plans.refunds import RefundPlan
from .answers import _key, _said
from .stage import Stage
from .waits import wait_checkout


async def refund(stage: Stage, plan: RefundPlan, cid: str) -> None:
    """A refund on a paid checkout's order: full, partial, two racing for the same money,
    or the same request sent twice with one key."""
    api, started = stage.api, stage.started
    if await wait_checkout(api, cid, {"fulfilled"}, timeout_s=90) != "fulfilled":
        started.refused.append(f"refund #{plan.index}: checkout {cid} never fulfilled")
        return
    order, total = started.orders[cid], started.totals[cid]
    key = f"chaos-{stage.run}-rf-{plan.index}"
    amount = {"full": None, "partial": max(1, total // 3), "racing": total * 6 // 10}.get(
        plan.kind, min(100, total)
    )
    body: dict[str, Any] = {"reason": f"chaos {plan.kind}"}
    if amount is not None:
        body["amount"] = amount
    keys = (
        [key, f"{key}-b"]
        if plan.kind == "racing"
        else [key, key]
        if plan.kind == "same_key"
        else [key]
    )
    answers = await asyncio.gather(
        *(
            api.call("POST", f"/v1/orders/{order}/refunds", json=body, headers=_key(api.service, k))
            for k in keys
        )
    )
    for resp in answers:
        if resp is not None and resp.status_code in (200, 201, 202):
            started.refunds.add(resp.json()["id"])
        elif plan.kind != "racing":
            started.refused.append(f"refund #{plan.index} on {order}: {_said(resp)}")
