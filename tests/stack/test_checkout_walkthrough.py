"""The README's checkout walkthrough, as a new user runs it: ``sagas dev``, a product, one
checkout of each flow paid on the simulator's hosted page (a browser's form post), the
Razorpay callback, every order ``fulfilled``, the flows findable in Temporal."""

from __future__ import annotations

import ast
import asyncio
import html
import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from temporalio.client import Client

from tests.stack.devstack import DevStack

pytestmark = pytest.mark.slow

ADMIN = {"Authorization": "Bearer dev-admin-key"}
SERVICE = {"Authorization": "Bearer dev-service-key"}
FLOWS = [
    ("stripe", "payment_intent", {}),
    ("stripe", "checkout_session", {"expires_in_s": 1800}),
    ("stripe", "payment_link", {}),
    ("razorpay", "order", {}),
]


def _payer_page(sim: str, checkout: dict[str, Any]) -> str:
    """Where the payer goes: the hosted `url`, or the page for the client-side flows."""
    gw = checkout["gateway"]
    if gw["url"]:
        return str(gw["url"])
    if gw["name"] == "razorpay":
        return f"{sim}/pay/razorpay/order/{gw['razorpay_order_id']}"
    return f"{sim}/pay/stripe/payment_intent/{gw['object_id']}"


def _pay_like_a_browser(client: httpx.Client, page_url: str) -> str:
    page = client.get(page_url)
    assert page.status_code == 200 and "<form method='post'>" in page.text, page.text
    assert "value='pay'" in page.text
    done = client.post(page_url, data={"action": "pay"})  # form-encoded, as a browser posts
    assert done.status_code == 200, done.text
    return done.text


def _callback_tuple(result_page: str) -> dict[str, str]:
    """What Razorpay's checkout.js hands the page's handler (shown on the sim's page)."""
    found = re.search(r"<pre id='result'>(.*?)</pre>", result_page, re.S)
    assert found, result_page
    data = ast.literal_eval(html.unescape(found.group(1)))
    return {k: data[k] for k in ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")}


async def _listed(address: str, wanted: list[str]) -> list[str]:
    """The README's Temporal UI query, through the client (visibility lags: bounded wait)."""
    temporal = await Client.connect(address)
    query = 'SagaKind = "checkout" AND CustomerId = "cus_demo"'
    found: list[str] = []
    for _ in range(20):
        found = sorted({wf.id async for wf in temporal.list_workflows(query)})
        if found == wanted:
            break
        await asyncio.sleep(0.5)
    return found


def test_checkout_walkthrough(dev_stack: Callable[..., DevStack]) -> None:
    stack = dev_stack()
    if not stack.sim:
        pytest.skip("the PSP simulator is not installed")
    stack.start()
    stack.wait_ready()
    sim = f"http://127.0.0.1:{stack.sim_port}"
    try:
        with httpx.Client(base_url=stack.api_url, timeout=60) as api:
            products = {}
            for currency, price in (("USD", 2500), ("INR", 150000)):
                made = api.post(
                    "/v1/products",
                    headers=ADMIN,
                    json={
                        "name": f"T-shirt {currency}",
                        "price": price,
                        "currency": currency,
                        "category": "apparel",
                    },
                )
                assert made.status_code == 201, made.text
                products[currency] = made.json()["id"]
            checkouts = []
            for gateway, flow, extra in FLOWS:
                product = products["INR" if gateway == "razorpay" else "USD"]
                made = api.post(
                    "/v1/checkouts",
                    headers={**SERVICE, "Idempotency-Key": f"demo-{flow}"},
                    json={
                        "customer_id": "cus_demo",
                        "customer_email": "demo@example.com",
                        "items": [{"product_id": product, "quantity": 2}],
                        "gateway": gateway,
                        "flow": flow,
                        **extra,
                    },
                )
                assert made.status_code == 201, made.text
                checkouts.append(made.json())
            with httpx.Client(timeout=30) as browser:
                for checkout in checkouts:
                    result = _pay_like_a_browser(browser, _payer_page(sim, checkout))
                    if checkout["gateway"]["name"] == "razorpay":
                        verified = api.post(
                            f"/v1/checkouts/{checkout['id']}/razorpay/verify",
                            headers={"Authorization": f"Bearer {checkout['client_token']}"},
                            json=_callback_tuple(result),
                        )
                        assert verified.status_code == 200, verified.text
                        assert verified.json()["outcome"] == "paid"
            for checkout in checkouts:
                deadline = time.monotonic() + 40
                status = ""
                while time.monotonic() < deadline:
                    shown = api.get(f"/v1/checkouts/{checkout['id']}", headers=SERVICE)
                    status = shown.json()["status"]
                    if status in ("fulfilled", "failed", "expired", "cancelled"):
                        break
                    time.sleep(0.5)
                assert status == "fulfilled", (checkout["gateway"], status)
                order = api.get(f"/v1/orders/{checkout['order_id']}", headers=SERVICE).json()
                assert order["status"] == "fulfilled", order
        wanted = sorted(c["workflow_id"] for c in checkouts)
        assert asyncio.run(_listed(stack.temporal_address, wanted)) == wanted
    finally:
        assert stack.stop() == 0, stack.log()[-3000:]
