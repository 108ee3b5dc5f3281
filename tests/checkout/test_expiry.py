"""Expiry and cancellation compensate, checked on the simulator's side and on the
discount counter; a lost webhook is recovered by the poll."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import (
    SERVICE,
    body,
    create,
    discount_uses,
    make_discount,
    make_product,
    sim_get,
    sim_post,
    wait_status,
)
from tests.replay.record import record_history


async def test_payment_intent_expires_and_compensates(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    code = await make_discount(deps, percent_off=25, max_uses=5)
    resp = await create(api, body(product, discount_code=code, expires_in_s=3))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    assert data["amounts"] == {
        "subtotal": 10000,
        "discount": 2500,
        "total": 7500,
        "currency": "USD",
    }
    assert await discount_uses(deps, code) == 1
    _, order = await wait_status(deps, data["id"], "expired")
    assert order.status == "expired" and order.subtotal_minor == 10000
    pi = await sim_get(sim, f"/stripe/objects/{data['gateway']['object_id']}")
    assert pi["status"] == "canceled"
    assert await discount_uses(deps, code) == 0
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-payment-intent-expired")


async def test_payment_link_expires_inactive(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product, flow="payment_link", expires_in_s=3))
    data = resp.json()
    await wait_status(deps, data["id"], "expired")
    link = await sim_get(sim, f"/stripe/objects/{data['gateway']['object_id']}")
    assert link["active"] is False
    async with httpx.AsyncClient(timeout=10) as client:  # a leaked link cannot charge
        paid = await client.post(
            f"{sim.base_url}/_sim/stripe/payment_links/{data['gateway']['object_id']}/pay",
            json={"outcome": "succeed"},
        )
    assert paid.status_code >= 400


async def test_cancel_expires_the_session_and_releases_the_discount(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    code = await make_discount(deps, max_uses=1)
    resp = await create(api, body(product, flow="checkout_session", discount_code=code))
    data = resp.json()
    assert resp.status_code == 201, resp.text
    cancelled = await api.post(f"/v1/checkouts/{data['id']}/cancel", headers=SERVICE)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    session = await sim_get(sim, f"/stripe/objects/{data['gateway']['object_id']}")
    assert session["status"] == "expired"
    assert await discount_uses(deps, code) == 0
    again = await api.post(f"/v1/checkouts/{data['id']}/cancel", headers=SERVICE)
    assert again.status_code == 409
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-session-cancelled")


async def test_session_expiry_window_is_enforced(api: httpx.AsyncClient, deps: Deps) -> None:
    product = await make_product(deps)
    for seconds in (60, 25 * 3600):
        resp = await create(api, body(product, flow="checkout_session", expires_in_s=seconds))
        assert resp.status_code == 422, resp.text


async def test_lost_webhooks_are_recovered_by_the_poll(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        put = await client.put(f"{sim.base_url}/_sim/faults", json={"webhook_drop_rate": 1.0})
        assert put.status_code == 200, put.text
    try:
        product = await make_product(deps)
        resp = await create(api, body(product, flow="checkout_session", expires_in_s=1800))
        data = resp.json()
        await sim_post(
            sim,
            f"/stripe/checkout/sessions/{data['gateway']['object_id']}/pay",
            {"outcome": "succeed"},
        )
        await wait_status(deps, data["id"], "fulfilled")
    finally:
        async with httpx.AsyncClient(timeout=10) as client:
            await client.delete(f"{sim.base_url}/_sim/faults")


@pytest.mark.parametrize("flow", ["payment_intent", "payment_link"])
async def test_cancel_of_a_paid_checkout_is_refused(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, flow: str
) -> None:
    product = await make_product(deps)
    data = (await create(api, body(product, flow=flow))).json()
    obj = data["gateway"]["object_id"]
    path = (
        f"/stripe/payment_intents/{obj}/pay"
        if flow == "payment_intent"
        else (f"/stripe/payment_links/{obj}/pay")
    )
    await sim_post(sim, path, {"outcome": "succeed"})
    await wait_status(deps, data["id"], "fulfilled")
    resp = await api.post(f"/v1/checkouts/{data['id']}/cancel", headers=SERVICE)
    assert resp.status_code == 409
