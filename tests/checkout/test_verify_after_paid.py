"""The Razorpay callback often arrives after the webhook already settled the checkout."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import httpx
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.settings import Settings
from tests.checkout.helpers import body, create, make_product, rows, sim_post, wait_status

TUPLE = ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")


async def test_a_callback_after_the_saga_finished_answers_paid(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, settings: Settings
) -> None:
    product = await make_product(deps, currency="INR")
    data = (await create(api, body(product, gateway="razorpay", flow="order"))).json()
    headers = {"Authorization": f"Bearer {data['client_token']}"}
    paid = await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await wait_status(deps, data["id"], "fulfilled")
    resp = await api.post(
        f"/v1/checkouts/{data['id']}/razorpay/verify",
        json={k: paid[k] for k in TUPLE},
        headers=headers,
    )
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"checkout_id": data["id"], "outcome": "paid", "status": "fulfilled"}
    # A validly signed tuple of this order whose payment was never booked is not answered
    # from the records: the closed saga says so (409), and nothing changes.
    other = "pay_NeverBooked0001"
    secret = settings.razorpay_key_secret.get_secret_value() if settings.razorpay_key_secret else ""
    message = f"{paid['razorpay_order_id']}|{other}".encode()
    resp = await api.post(
        f"/v1/checkouts/{data['id']}/razorpay/verify",
        json={
            "razorpay_order_id": paid["razorpay_order_id"],
            "razorpay_payment_id": other,
            "razorpay_signature": hmac.new(secret.encode(), message, hashlib.sha256).hexdigest(),
        },
        headers=headers,
    )
    assert resp.status_code == 409, resp.text
    _, order = await rows(deps, data["id"])
    assert order.status == "fulfilled" and order.captured_minor == 10000
