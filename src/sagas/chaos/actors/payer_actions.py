"""What the payer does with a checkout's object: pay, decline then pay, cancel, pay late."""

from __future__ import annotations

import asyncio

from pspsim.client.payer import pay_object

from ..plans.checkout_plan import CheckoutPlan
from .answers import _payer
from .stage import Stage
from .waits import wait_checkout


async def _act(stage: Stage, plan: CheckoutPlan, cid: str, object_id: str) -> None:
    pay = pay_object(plan.flow, object_id)
    if plan.action == "pay":
        await _payer(stage.api, pay)
    elif plan.action == "decline_then_pay":
        await _payer(stage.api, pay_object(plan.flow, object_id, outcome="decline"))
        await asyncio.sleep(0.5)
        await _payer(stage.api, pay)
    elif plan.action == "cancel":
        await stage.api.call(
            "POST",
            f"/v1/checkouts/{cid}/cancel",
            json={"reason": "chaos"},
            headers=stage.api.service,
        )
    elif plan.action == "pay_after_expiry":
        await wait_checkout(stage.api, cid, {"expired", "failed"}, timeout_s=120)
        await _payer(stage.api, pay)  # a PSP may refuse it, or take it late
