"""Amounts in the PSP's unit end to end (CONTRACT 11.1): the product keeps ISO minor
units, the simulator (strict as Stripe) sees Stripe's unit, the settlement gate compares
like with like, and the order is paid with what it was priced at."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product, rows, sim_get, sim_post, wait_status
from tests.refunds.helpers import post_refund, wait_final


@pytest.mark.parametrize(
    ("price", "currency", "flow", "at_psp"),
    [
        (5000, "ISK", "payment_intent", 500000),  # Stripe keeps ISK two-decimal: x100
        (20000, "UGX", "payment_intent", 2000000),
        (12340, "KWD", "payment_intent", 12340),  # three decimals, ending in 0
        (5000, "ISK", "checkout_session", 500000),
    ],
)
async def test_stripe_amount_in_its_unit_and_settled(
    worker: Worker,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    price: int,
    currency: str,
    flow: str,
    at_psp: int,
) -> None:
    product = await make_product(deps, price=price, currency=currency)
    resp = await create(api, body(product, quantity=1, flow=flow))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    assert data["amounts"]["total"] == price and data["amounts"]["currency"] == currency
    object_id = data["gateway"]["object_id"]
    psp_object = await sim_get(sim, f"/stripe/objects/{object_id}")
    if flow == "payment_intent":
        assert (psp_object["amount"], psp_object["currency"]) == (at_psp, currency.lower())
        await sim_post(sim, f"/stripe/payment_intents/{object_id}/pay", {"outcome": "succeed"})
    else:
        assert psp_object["amount_total"] == at_psp
        await sim_post(sim, f"/stripe/checkout/sessions/{object_id}/pay", {"outcome": "succeed"})
    await wait_status(deps, data["id"], "fulfilled")
    _, order = await rows(deps, data["id"])
    assert order.captured_minor == price and order.currency == currency


async def test_razorpay_three_decimal_order(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps, price=12340, currency="KWD")
    data = (await create(api, body(product, quantity=1, gateway="razorpay", flow="order"))).json()
    order_id = data["gateway"]["object_id"]
    assert (await sim_get(sim, f"/razorpay/objects/{order_id}"))["amount"] == 12340
    await sim_post(sim, f"/razorpay/orders/{order_id}/pay", {"outcome": "succeed"})
    await wait_status(deps, data["id"], "fulfilled")
    _, order = await rows(deps, data["id"])
    assert order.captured_minor == 12340


@pytest.mark.parametrize(
    ("gateway", "flow"),
    [("stripe", "payment_intent"), ("stripe", "checkout_session"), ("razorpay", "order")],
)
async def test_request_metadata_reaches_the_psp_beside_ours(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, gateway: str, flow: str
) -> None:
    product = await make_product(deps, price=5000, currency="INR")
    metadata = {"cart_id": "cart_42", "channel": "mobile"}
    data = await create(api, body(product, gateway=gateway, flow=flow, metadata=metadata))
    assert data.status_code == 201, data.text
    created = data.json()
    where = "razorpay" if gateway == "razorpay" else "stripe"
    psp_object = await sim_get(sim, f"/{where}/objects/{created['gateway']['object_id']}")
    seen = psp_object["notes"] if gateway == "razorpay" else psp_object["metadata"]
    assert seen == {**metadata, "checkout_id": created["id"], "order_id": created["order_id"]}
    if flow == "checkout_session":  # the PaymentIntent it spawns carries them too
        paid = await sim_post(
            sim, f"/stripe/checkout/sessions/{psp_object['id']}/pay", {"outcome": "succeed"}
        )
        assert paid["payment_intent"]["metadata"] == seen


async def test_isk_refund_in_stripes_unit(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps, price=5000, currency="ISK")
    data = (await create(api, body(product, quantity=1))).json()
    pi_id = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi_id}/pay", {"outcome": "succeed"})
    await wait_status(deps, data["id"], "fulfilled")
    refund = await post_refund(api, data["order_id"], {"amount": 2000, "reason": "too warm"})
    assert refund.status_code in (200, 201, 202), refund.text
    final = await wait_final(deps, refund.json()["id"])
    assert final.status == "succeeded" and final.amount_minor == 2000
    at_psp = await deps.gateways.require_stripe().v1.refunds.list_async(
        params={"payment_intent": pi_id}
    )
    assert [r.amount for r in at_psp.data] == [200000]
