"""A payer's checkout: create it (without the code once it ran out), then act on it."""

from __future__ import annotations

from typing import Any

from ..plans.checkout_plan import CheckoutPlan
from .answers import _details, _key, _said
from .payer_actions import _act
from .stage import Stage


async def checkout(stage: Stage, plan: CheckoutPlan) -> None:
    product = stage.products[plan.currency]
    body: dict[str, Any] = {
        "customer_id": f"cust_{stage.run}_{plan.index}",
        "customer_email": f"chaos{plan.index}@example.com",
        "items": [{"product_id": product, "quantity": 2, "custom_data": {}}],
        "gateway": plan.gateway,
        "flow": plan.flow,
        "expires_in_s": plan.expires_in_s,
        "metadata": {"chaos": stage.run},
    }
    if plan.discount:
        body["discount_code"] = stage.code
    key = f"chaos-{stage.run}-co-{plan.index}"
    api = stage.api
    resp = await api.call("POST", "/v1/checkouts", json=body, headers=_key(api.service, key))
    if resp is not None and resp.status_code == 422 and "discount" in resp.text:
        del body["discount_code"]  # the code ran out: check out without it, new key
        key += "-nocode"
        resp = await api.call("POST", "/v1/checkouts", json=body, headers=_key(api.service, key))
    if resp is None or (resp.status_code != 201 and resp.status_code != 200):
        details = _details(resp)
        if details.get("checkout_id"):
            stage.started.checkouts[details["checkout_id"]] = plan
        stage.started.refused.append(f"checkout #{plan.index}: {_said(resp)}")
        return
    got = resp.json()
    cid = got["id"]
    stage.started.checkouts[cid] = plan
    stage.started.orders[cid] = got["order_id"]
    stage.started.totals[cid] = got["amounts"]["total"]
    if "discount_code" in body:
        stage.started.discounted.add(cid)
    await _act(stage, plan, cid, got["gateway"]["object_id"])
