"""Payers acting on checkouts through the API and the simulator's payer controls.

One coroutine per planned checkout: create it through the API, then do what the plan
says (pay, decline then pay, abandon, pay after expiry, cancel, pay a link twice, a manual
Razorpay capture, a verify callback carrying another checkout's valid tuple). Each
returns an :class:`Outcome` the invariants are later checked against. Every wait is
bounded; nothing here asserts money state (that is the invariants' job), only what the
payer was told.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx

from sagas.deps import Deps
from tests.checkout.helpers import SERVICE, rows
from tests.invariants.plans import Plan
from tests.support.net import eventually

TUPLE = ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")


@dataclass
class Outcome:
    plan: Plan
    create_status: int = 0
    create_error: str | None = None
    checkout_id: str | None = None
    order_id: str | None = None
    object_id: str | None = None
    client_token: str | None = None
    total: int = 0
    discount_rejected: bool = False
    notes: list[str] = field(default_factory=list)
    # what the payer action must end as (checkout statuses), once the test is settled
    expect: tuple[str, ...] = ()

    @property
    def who(self) -> str:
        return f"{self.plan.label} checkout={self.checkout_id} order={self.order_id}"


@dataclass
class Stage:
    """What the actors share: the API client, the sim, the catalogue, and the tuples of
    paid Razorpay checkouts (for the one that replays another checkout's tuple)."""

    api: httpx.AsyncClient
    control: httpx.AsyncClient  # base_url = <sim>/_sim
    deps: Deps
    products: dict[str, str]  # currency -> product id
    code: str
    tuples: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)


async def sim_act(stage: Stage, path: str, data: dict[str, Any]) -> httpx.Response:
    return await stage.control.post(path, json=data)


async def wait_checkout(stage: Stage, checkout_id: str, *statuses: str, timeout: float) -> str:
    async def probe() -> str | None:
        co, _ = await rows(stage.deps, checkout_id)
        return co.status if co.status in statuses else None

    found: str = await eventually(
        probe, timeout=timeout, interval=0.3, message=f"{checkout_id} never became {statuses}"
    )
    return found


async def create(stage: Stage, plan: Plan, out: Outcome) -> bool:
    currency = "INR" if plan.gateway == "razorpay" else "USD"
    data: dict[str, Any] = {
        "customer_id": f"cust_chaos_{plan.index}",
        "customer_email": f"chaos{plan.index}@example.com",
        "items": [{"product_id": stage.products[currency], "quantity": 2, "custom_data": {}}],
        "gateway": plan.gateway,
        "flow": plan.flow,
        "expires_in_s": plan.expires_in_s,
        "metadata": {"chaos": str(plan.index)},
    }
    if plan.discount:
        data["discount_code"] = stage.code
    key = f"chaos-{secrets.token_hex(8)}"
    headers = {**SERVICE, "Idempotency-Key": key}
    resp = await stage.api.post("/v1/checkouts", json=data, headers=headers)
    if resp.status_code == 422 and "discount_rejected" in resp.text:
        # The code ran out (max_uses): the payer checks out without it, under a new key.
        out.discount_rejected = True
        del data["discount_code"]
        headers = {**SERVICE, "Idempotency-Key": f"{key}-nocode"}
        resp = await stage.api.post("/v1/checkouts", json=data, headers=headers)
    if resp.status_code in (502, 503):
        # The same key resumes the same checkout (CONTRACT 3): a retry never makes two.
        resp = await stage.api.post("/v1/checkouts", json=data, headers=headers)
    out.create_status = resp.status_code
    if resp.status_code not in (200, 201):
        out.create_error = resp.text[:300]
        body = resp.json().get("error", {}).get("details") or {}
        out.checkout_id = body.get("checkout_id")
        out.order_id = body.get("order_id")
        return False
    got = resp.json()
    out.checkout_id, out.order_id = got["id"], got["order_id"]
    out.object_id = got["gateway"]["object_id"]
    out.client_token = got.get("client_token")
    out.total = got["amounts"]["total"]
    return True


def _pay_path(plan: Plan, object_id: str) -> str:
    return {
        "payment_intent": f"/stripe/payment_intents/{object_id}/pay",
        "checkout_session": f"/stripe/checkout/sessions/{object_id}/pay",
        "payment_link": f"/stripe/payment_links/{object_id}/pay",
        "order": f"/razorpay/orders/{object_id}/pay",
    }[plan.flow]


async def pay(stage: Stage, plan: Plan, out: Outcome, outcome: str = "succeed") -> httpx.Response:
    assert out.object_id
    body: dict[str, Any] = {"outcome": outcome}
    if plan.flow == "order":
        body["capture"] = "manual" if plan.action == "manual_capture" else "auto"
    resp = await sim_act(stage, _pay_path(plan, out.object_id), body)
    out.notes.append(f"pay {outcome}: {resp.status_code}")
    return resp


async def foreign_tuple(stage: Stage, plan: Plan, out: Outcome) -> None:
    """Post another paid checkout's valid tuple to this checkout's callback: never 2xx."""
    try:
        other = await asyncio.wait_for(stage.tuples.get(), timeout=30)
    except TimeoutError:
        out.notes.append("no other Razorpay tuple to replay")
    else:
        stage.tuples.put_nowait(other)  # leave it for another replayer
        other = {k: other[k] for k in TUPLE}
        auth = {"Authorization": f"Bearer {out.client_token}"}
        url = f"/v1/checkouts/{out.checkout_id}/razorpay/verify"
        as_is = await stage.api.post(url, json=other, headers=auth)
        spliced = {**other, "razorpay_order_id": out.object_id}  # own order, foreign payment
        mixed = await stage.api.post(url, json=spliced, headers=auth)
        out.notes.append(f"foreign verify: {as_is.status_code}/{mixed.status_code}")
        for resp in (as_is, mixed):
            if resp.status_code != 400:
                out.notes.append(f"VIOLATION foreign tuple answered {resp.status_code}")
    resp = await pay(stage, plan, out)
    if resp.status_code < 300:
        own = {k: resp.json()[k] for k in TUPLE}
        verified = await stage.api.post(
            f"/v1/checkouts/{out.checkout_id}/razorpay/verify",
            json=own,
            headers={"Authorization": f"Bearer {out.client_token}"},
        )
        out.notes.append(f"own verify: {verified.status_code}")


async def act(stage: Stage, plan: Plan) -> Outcome:
    out = Outcome(plan)
    if not await create(stage, plan, out):
        out.expect = ("failed",) if out.checkout_id else ()
        return out
    a = plan.action
    out.expect = ("fulfilled",)
    if a == "pay" or a == "manual_capture":
        resp = await pay(stage, plan, out)
        if plan.flow == "order" and resp.status_code < 300 and a == "pay":
            stage.tuples.put_nowait(resp.json())
    elif a == "decline_then_pay":
        await pay(stage, plan, out, "decline")
        await asyncio.sleep(0.5)
        await pay(stage, plan, out)
    elif a == "pay_twice":
        first, second = await asyncio.gather(pay(stage, plan, out), pay(stage, plan, out))
        out.notes.append(f"twice: {first.status_code}/{second.status_code}")
    elif a == "foreign_tuple":
        await foreign_tuple(stage, plan, out)
    elif a == "abandon":
        out.expect = ("expired",)
    elif a == "cancel":
        out.expect = ("cancelled",)
        resp = await stage.api.post(
            f"/v1/checkouts/{out.checkout_id}/cancel", json={"reason": "chaos"}, headers=SERVICE
        )
        out.notes.append(f"cancel: {resp.status_code}")
        if resp.status_code != 200:
            out.notes.append(f"VIOLATION cancel of an unpaid checkout answered {resp.text[:200]}")
    elif a == "pay_after_expiry":
        out.expect = ("expired",)
        assert out.checkout_id
        await wait_checkout(stage, out.checkout_id, "expired", "failed", timeout=40)
        resp = await pay(stage, plan, out)  # a PSP may refuse (cancelled PI) or take it late
        out.notes.append(f"late pay: {resp.status_code}")
    else:  # pragma: no cover - plans only name the actions above
        raise AssertionError(f"unknown action {a}")
    return out
