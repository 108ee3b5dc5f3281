"""Happy path of every flow: real Temporal, real SDKs, the simulator over HTTP."""

from __future__ import annotations

from typing import Any

import httpx
from temporalio.api.enums.v1 import EventType
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import (
    ADMIN,
    SERVICE,
    body,
    create,
    ledger,
    make_product,
    sim_get,
    sim_post,
    wait_status,
)
from tests.replay.record import record_history


async def _pay_and_check(deps: Deps, resp: httpx.Response) -> tuple[Any, Any]:
    assert resp.status_code == 201, resp.text
    data = resp.json()
    assert data["status"] == "awaiting_payment"
    assert data["client_token"]
    co, order = await wait_status(deps, data["id"], "fulfilled")
    assert order.status == "fulfilled" and order.captured_minor == order.total_minor == 10000
    entries = await ledger(deps, order.id)
    assert [(e.kind, e.amount_minor) for e in entries] == [("capture", 10000)]
    return co, order


async def test_payment_intent(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Any
) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product))
    data = resp.json()
    assert resp.status_code == 201, resp.text
    assert data["amounts"] == {"subtotal": 10000, "discount": 0, "total": 10000, "currency": "USD"}
    assert data["gateway"]["client_secret"].startswith(data["gateway"]["object_id"])
    pi = await sim_get(sim, f"/stripe/objects/{data['gateway']['object_id']}")
    assert pi["metadata"]["checkout_id"] == data["id"] and pi["amount"] == 10000
    await sim_post(
        sim, f"/stripe/payment_intents/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await _pay_and_check(deps, resp)
    got = await api.get(
        f"/v1/checkouts/{data['id']}", headers={"Authorization": f"Bearer {data['client_token']}"}
    )
    assert got.status_code == 200 and got.json()["status"] == "fulfilled"
    order = await api.get(f"/v1/orders/{data['order_id']}", headers=SERVICE)
    assert order.json()["net"] == 10000 and order.json()["payments"][0]["status"] == "captured"
    handle = temporal_client.get_workflow_handle(data["workflow_id"])
    await handle.result()
    # The lean paid path: the settlement as a local activity (a marker, no activity task),
    # the gateway object id published with the first stage, no separate upsert for `paid`.
    history = await handle.fetch_history()
    scheduled = [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
    ]
    assert "checkout.settle" not in scheduled and "checkout.read_payments" in scheduled
    upserts = [
        set(e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields)
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
    ]
    stage_upserts = [u for u in upserts if "SagaStage" in u]
    assert len(stage_upserts) == 3, upserts  # awaiting payment, fulfilling, fulfilled
    assert "GatewayObjectId" in stage_upserts[0], upserts
    await record_history(temporal_client, data["workflow_id"], "checkout-payment-intent-paid-lean")


async def test_checkout_session(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product, flow="checkout_session", expires_in_s=3600))
    data = resp.json()
    assert resp.status_code == 201, resp.text
    assert data["gateway"]["url"]
    await sim_post(
        sim, f"/stripe/checkout/sessions/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await _pay_and_check(deps, resp)


async def test_payment_link(worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product, flow="payment_link"))
    data = resp.json()
    assert resp.status_code == 201, resp.text
    link_id = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_links/{link_id}/pay", {"outcome": "succeed"})
    await _pay_and_check(deps, resp)
    link = await sim_get(sim, f"/stripe/objects/{link_id}")
    assert link["active"] is False  # a leaked link cannot charge twice


async def test_razorpay_order(worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any) -> None:
    product = await make_product(deps, currency="INR")
    resp = await create(api, body(product, gateway="razorpay", flow="order"))
    data = resp.json()
    assert resp.status_code == 201, resp.text
    assert data["gateway"]["razorpay_order_id"] == data["gateway"]["object_id"]
    assert data["gateway"]["key_id"]
    await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await _pay_and_check(deps, resp)
    listing = await api.get("/v1/orders", params={"status": "fulfilled"}, headers=ADMIN)
    assert data["order_id"] in [o["id"] for o in listing.json()["data"]]
