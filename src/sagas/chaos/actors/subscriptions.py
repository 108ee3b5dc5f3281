"""A customer's subscription: create it, pay its first charge, maybe cancel it."""

from __future__ import annotations

import asyncio
from typing import Any

from pspsim.client.payer import pay_first_charge

from ..plans.subscriptions import SubscriptionPlan
from .answers import _key, _payer, _said
from .stage import Stage
from .waits import _gateway_subscription


async def subscription(stage: Stage, plan: SubscriptionPlan) -> None:
    api, started = stage.api, stage.started
    customer = f"cust_{stage.run}_sub_{plan.index}"
    body: dict[str, Any] = {"customer_id": customer, "plan_id": stage.plans[plan.kind]}
    if plan.gateway:
        body["gateway"] = plan.gateway
    key = f"chaos-{stage.run}-sub-{plan.index}"
    resp = await api.call("POST", "/v1/subscriptions", json=body, headers=_key(api.service, key))
    if resp is None or resp.status_code not in (200, 201, 202):  # 202: the PSP is still on it
        started.refused.append(f"subscription #{plan.index}: {_said(resp)}")
        return
    got = resp.json()
    sid = got["id"]
    started.subscriptions.add(sid)
    started.customers[sid] = customer
    gsid = got.get("gateway_subscription_id")
    if got["status"] == "pending_payment" and not gsid:
        gsid = await _gateway_subscription(api, sid)
    if got["status"] == "pending_payment" and gsid and plan.gateway:
        await _payer(api, pay_first_charge(plan.gateway, gsid))
    if plan.cancel:
        await asyncio.sleep(1.0)
        await api.call(
            "POST",
            f"/v1/subscriptions/{sid}/cancel",
            json={"at_period_end": False, "reason": "chaos"},
            headers=api.service,
        )
