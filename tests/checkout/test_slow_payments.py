"""CONTRACT 11.3: a `processing` payment keeps its checkout open past `expires_at` until
the PSP's final word (never refunded as late); 3-D Secure shows `gateway.next_action`."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import (
    SERVICE,
    body,
    create,
    event_types,
    ledger,
    make_product,
    rows,
    sim_get,
    sim_post,
    wait_status,
)
from tests.replay.record import record_history


async def _processing_past_expiry(api: httpx.AsyncClient, deps: Deps, sim: Any) -> dict[str, Any]:
    product = await make_product(deps)
    resp = await create(api, body(product, expires_in_s=3))
    assert resp.status_code == 201, resp.text
    data: dict[str, Any] = resp.json()
    pi = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "processing"})
    await wait_status(deps, data["id"], "processing", timeout=20)
    await asyncio.sleep(6)  # well past expires_at, two polls later
    co, order = await rows(deps, data["id"])
    assert (co.status, order.status) == ("processing", "pending")
    assert (await sim_get(sim, f"/stripe/objects/{pi}"))["status"] == "processing"
    got = await api.get(f"/v1/checkouts/{data['id']}", headers=SERVICE)
    assert got.json()["status"] == "processing"
    return data


async def test_processing_outlives_expiry_and_settles_paid(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    data = await _processing_past_expiry(api, deps, sim)
    pi = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/settle", {"outcome": "succeed"})
    _, order = await wait_status(deps, data["id"], "fulfilled", timeout=30)
    assert order.status == "fulfilled" and order.captured_minor == 10000
    assert order.refunded_minor == 0
    assert [e.kind for e in await ledger(deps, order.id)] == ["capture"]
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-processing-settled")


async def test_processing_that_fails_ends_the_checkout_failed(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    data = await _processing_past_expiry(api, deps, sim)
    pi = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/settle", {"outcome": "decline"})
    _, order = await wait_status(deps, data["id"], "failed", timeout=30)
    assert order.status == "failed" and order.captured_minor == 0
    assert await ledger(deps, order.id) == []
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-processing-failed")


async def test_three_d_secure_shows_next_action_then_pays(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product))
    data = resp.json()
    pi = data["gateway"]["object_id"]
    assert data["gateway"]["next_action"] is None
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "authenticate"})
    psp_url = (await sim_get(sim, f"/stripe/objects/{pi}"))["next_action"]["redirect_to_url"]["url"]
    shown = None
    for _ in range(100):  # bounded: 30 s
        got = (await api.get(f"/v1/checkouts/{data['id']}", headers=SERVICE)).json()
        shown = got["gateway"]["next_action"]
        if shown:
            break
        await asyncio.sleep(0.3)
    assert shown == {"type": "redirect_to_url", "url": psp_url}
    assert got["status"] == "awaiting_payment"
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "succeed"})
    await wait_status(deps, data["id"], "paid", "fulfilled", timeout=30)
    got = (await api.get(f"/v1/checkouts/{data['id']}", headers=SERVICE)).json()
    assert got["gateway"]["next_action"] is None
    events = await event_types(deps, data["id"])
    assert events[:2] == ["checkout.requires_action", "checkout.paid"]
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-three-d-secure-paid")


async def test_three_d_secure_abandoned_expires(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps)
    data = (await create(api, body(product, expires_in_s=4))).json()
    pi = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "authenticate"})
    _, order = await wait_status(deps, data["id"], "expired", timeout=30)
    assert order.status == "expired" and order.captured_minor == 0
    got = (await api.get(f"/v1/checkouts/{data['id']}", headers=SERVICE)).json()
    assert got["gateway"]["next_action"] is None
    assert (await sim_get(sim, f"/stripe/objects/{pi}"))["status"] == "canceled"
    assert "checkout.expired" in await event_types(deps, data["id"])
