"""Answers lost on the way back (CONTRACT 11.4, invariant 11): at 30 % of PSP answers cut
after the PSP carried the call out, every create path still ends with exactly one PSP
object per request (Stripe by idempotency keys, Razorpay orders by their receipt,
Razorpay refunds by X-Refund-Idempotency) and the API answers 201, not 502."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product, sim_post, wait_status
from tests.refunds.helpers import post_refund, wait_final

CREATE_PATHS = [
    "/stripe/v1/payment_intents",
    "/stripe/v1/checkout/sessions",
    "/stripe/v1/prices",
    "/stripe/v1/payment_links",
    "/stripe/v1/refunds",
    "/razorpay/v1/orders",
    "/razorpay/v1/payments",
]
KINDS = {"payment_intent", "checkout.session", "payment_link"}


@pytest.fixture
def lossy(sim: Any) -> Iterator[None]:
    faults = {"api_lost_response_rate": 0.3, "api_error_paths": CREATE_PATHS, "seed": 1104}
    assert sim.control("PUT", "/faults", faults).status_code == 200
    try:
        yield
    finally:
        assert sim.control("DELETE", "/faults").status_code == 200


def _objects(sim: Any, checkout_id: str) -> list[dict[str, Any]]:
    stripe_objects = [
        o
        for o in list(sim.sim.store.stripe.values())
        if o.get("object") in KINDS and (o.get("metadata") or {}).get("checkout_id") == checkout_id
    ]
    orders = [
        o
        for o in list(sim.sim.store.razorpay.values())
        if o.get("entity") == "order" and o.get("receipt") == checkout_id
    ]
    return stripe_objects + orders


@pytest.mark.parametrize(
    ("gateway", "flow"),
    [
        ("stripe", "payment_intent"),
        ("stripe", "checkout_session"),
        ("stripe", "payment_link"),
        ("razorpay", "order"),
    ],
)
async def test_each_create_path_makes_one_object(
    worker: Worker,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    lossy: None,
    gateway: str,
    flow: str,
) -> None:
    product = await make_product(deps, price=5000, currency="INR")
    for _ in range(3):
        # Lost answers cost the activity's retry back-off (a Payment Link makes a Price
        # first, so two calls can be lost in a row): slow on a loaded machine, never wrong.
        resp = await create(api, body(product, gateway=gateway, flow=flow), timeout_s=120)
        assert resp.status_code == 201, resp.text
        made = _objects(sim, resp.json()["id"])
        assert [o["id"] for o in made] == [resp.json()["gateway"]["object_id"]]


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_refunds_make_one_psp_refund_each(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, gateway: str
) -> None:
    product = await make_product(deps, price=5000, currency="INR")
    flow = "order" if gateway == "razorpay" else "payment_intent"
    data = (await create(api, body(product, quantity=1, gateway=gateway, flow=flow))).json()
    object_id = data["gateway"]["object_id"]
    path = f"/{gateway}/{'orders' if gateway == 'razorpay' else 'payment_intents'}/{object_id}/pay"
    await sim_post(sim, path, {"outcome": "succeed"})
    await wait_status(deps, data["id"], "fulfilled")
    faults = {"api_lost_response_rate": 0.3, "api_error_paths": CREATE_PATHS, "seed": 1105}
    assert sim.control("PUT", "/faults", faults).status_code == 200
    try:
        ids = []
        for amount in (1000, 1500):
            refund = await post_refund(api, data["order_id"], {"amount": amount, "reason": "r"})
            assert refund.status_code in (200, 201, 202), refund.text
            ids.append(refund.json()["id"])
        finals = [await wait_final(deps, refund_id, timeout=60) for refund_id in ids]
    finally:
        assert sim.control("DELETE", "/faults").status_code == 200
    assert [f.status for f in finals] == ["succeeded", "succeeded"]
    at_psp = sorted(
        int(r["amount"])
        for r in list(sim.sim.store.stripe.values()) + list(sim.sim.store.razorpay.values())
        if r.get("object") == "refund" or r.get("entity") == "refund"
        if (r.get("metadata") or r.get("notes") or {}).get("refund_id") in ids
    )
    assert at_psp == [1000, 1500]
