"""The Razorpay callback as browsers send it (CONTRACT 11.5): Razorpay Checkout's whole
answer with keys we do not know is accepted; a signature that is not 64 hex characters,
non-ASCII included, is a 400, never a 500."""

from __future__ import annotations

import json
from typing import Any

import httpx
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product, sim_post, wait_status

TUPLE = ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")


async def test_callback_with_extra_keys_and_bad_signatures(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps, currency="INR")
    data = (await create(api, body(product, gateway="razorpay", flow="order"))).json()
    url = f"/v1/checkouts/{data['id']}/razorpay/verify"
    headers = {"Authorization": f"Bearer {data['client_token']}"}
    paid = await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    tuple_ = {k: paid[k] for k in TUPLE}
    fullwidth_zero = "\uff10"
    for signature in ("é" * 64, "ü" * 32, "0" * 63, "g" * 64, "0" * 65, fullwidth_zero * 64):
        forged = {**tuple_, "razorpay_signature": signature}
        resp = await api.post(url, json=forged, headers=headers)
        assert resp.status_code == 400, (signature, resp.text)
        assert resp.json()["error"]["code"] == "invalid_signature"
    lone_surrogate = json.dumps(tuple_).replace(tuple_["razorpay_signature"], "\\udcff")
    json_type = {**headers, "Content-Type": "application/json"}
    resp = await api.post(url, content=lone_surrogate, headers=json_type)
    assert resp.status_code in (400, 422), resp.text
    whole_answer = {
        **tuple_,
        "razorpay_payment_link_id": None,
        "status_code": 200,
        "org_logo": "",
        "checkout_logo": "https://cdn.razorpay.com/logo.png",
        "custom_branding": False,
        "extra": {"nested": [1, 2]},
    }
    resp = await api.post(url, json=whole_answer, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["outcome"] == "paid"
    await wait_status(deps, data["id"], "fulfilled")
