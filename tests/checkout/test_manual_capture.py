"""CONTRACT 11.2 on both gateways: authorize now, capture all or part later, void, and the
automatic void once AUTHORIZATION_HOLD_S runs out; CONTRACT 11.1: a free order."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.settings import Settings
from tests.checkout.helpers import (
    SERVICE,
    body,
    create,
    discount_uses,
    event_types,
    ledger,
    make_discount,
    make_product,
    sim_get,
    sim_post,
    wait_status,
)
from tests.replay.record import record_history


async def _authorized(
    api: httpx.AsyncClient, deps: Deps, sim: Any, gateway: str, **extra: Any
) -> tuple[dict[str, Any], str]:
    """A manual-capture checkout of 10000 paid by the payer: (checkout, PSP payment id)."""
    product = await make_product(deps)
    flow = "order" if gateway == "razorpay" else "payment_intent"
    resp = await create(api, body(product, gateway=gateway, flow=flow, capture="manual", **extra))
    assert resp.status_code == 201, resp.text
    data: dict[str, Any] = resp.json()
    obj = data["gateway"]["object_id"]
    if gateway == "razorpay":
        paid = await sim_post(
            sim, f"/razorpay/orders/{obj}/pay", {"outcome": "succeed", "capture": "manual"}
        )
        payment_id = str(paid["razorpay_payment_id"])
    else:
        await sim_post(sim, f"/stripe/payment_intents/{obj}/pay", {"outcome": "succeed"})
        payment_id = obj
    _, order = await wait_status(deps, data["id"], "authorized", timeout=30)
    assert order.status == "authorized" and order.captured_minor == 0
    got = (await api.get(f"/v1/orders/{order.id}", headers=SERVICE)).json()
    assert got["authorized"] == 10000 and got["payments"][0]["status"] == "authorized"
    return data, payment_id


async def _capture(api: httpx.AsyncClient, order_id: str, json: Any = None) -> httpx.Response:
    headers = {**SERVICE, "Idempotency-Key": secrets.token_hex(8)}
    return await api.post(f"/v1/orders/{order_id}/capture", json=json, headers=headers)


async def _psp_captured(sim: Any, gateway: str, payment_id: str) -> tuple[str, int, int]:
    """(status, captured, refunded) at the simulator, in ISO minor units (USD)."""
    if gateway == "razorpay":
        p = await sim_get(sim, f"/razorpay/objects/{payment_id}")
        return str(p["status"]), int(p["amount"]), int(p["amount_refunded"])
    pi = await sim_get(sim, f"/stripe/objects/{payment_id}")
    return str(pi["status"]), int(pi["amount_received"]), 0


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_capture_all(
    gateway: str,
    worker: Worker,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    temporal_client: Client,
) -> None:
    data, payment_id = await _authorized(api, deps, sim, gateway)
    order_id = data["order_id"]
    no_key = await api.post(f"/v1/orders/{order_id}/capture", headers=SERVICE)
    assert no_key.status_code == 400, no_key.text
    too_much = await _capture(api, order_id, {"amount": 10001})
    assert too_much.status_code == 422, too_much.text
    assert too_much.json()["error"]["code"] == "amount_exceeds_authorized"
    resp = await _capture(api, order_id)
    assert resp.status_code == 202, resp.text
    assert resp.json()["amount"] == 10000
    _, order = await wait_status(deps, data["id"], "paid", "fulfilled", timeout=30)
    assert order.captured_minor == 10000
    settled = "captured" if gateway == "razorpay" else "succeeded"
    assert await _psp_captured(sim, gateway, payment_id) == (settled, 10000, 0)
    again = await _capture(api, order_id)
    assert again.status_code == 409, again.text
    events = await event_types(deps, order_id)
    assert events[:2] == ["order.authorized", "order.paid"]
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], f"checkout-manual-capture-{gateway}")


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_capture_part(
    gateway: str,
    worker: Worker,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    temporal_client: Client,
) -> None:
    data, payment_id = await _authorized(api, deps, sim, gateway)
    resp = await _capture(api, data["order_id"], {"amount": 6000})
    assert resp.status_code == 202, resp.text
    _, order = await wait_status(deps, data["id"], "paid", "fulfilled", timeout=30)
    assert order.captured_minor == 6000 and order.refunded_minor == 0
    entries = sorted((e.kind, e.amount_minor) for e in await ledger(deps, order.id))
    status, captured, refunded = await _psp_captured(sim, gateway, payment_id)
    if gateway == "razorpay":  # whole capture, then the rest refunded, recorded as such
        assert (status, captured, refunded) == ("captured", 10000, 4000)
        assert entries == [("capture", 10000), ("release", 4000)]
    else:  # Stripe releases the rest itself
        assert (status, captured) == ("succeeded", 6000)
        assert entries == [("capture", 6000)]
    got = (await api.get(f"/v1/orders/{order.id}", headers=SERVICE)).json()
    assert got["captured"] == 6000 and got["authorized"] == 0
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(
        temporal_client, data["workflow_id"], f"checkout-manual-capture-part-{gateway}"
    )


async def test_capture_key_replays_after_completion(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    """The same Idempotency-Key and body answer the same 202, also once the order is paid;
    the same key with another amount is 409, and so is a new key on a captured order."""
    data, _ = await _authorized(api, deps, sim, "stripe")
    url = f"/v1/orders/{data['order_id']}/capture"
    headers = {**SERVICE, "Idempotency-Key": secrets.token_hex(8)}
    first = await api.post(url, json={"amount": 6000}, headers=headers)
    assert first.status_code == 202, first.text
    assert first.json()["amount"] == 6000
    retried = await api.post(url, json={"amount": 6000}, headers=headers)
    assert (retried.status_code, retried.json()) == (202, first.json())
    _, order = await wait_status(deps, data["id"], "paid", "fulfilled", timeout=30)
    assert order.captured_minor == 6000
    replay = await api.post(url, json={"amount": 6000}, headers=headers)
    assert (replay.status_code, replay.json()) == (202, first.json())
    for other in ({"amount": 5000}, None):
        conflict = await api.post(url, json=other, headers=headers)
        assert conflict.status_code == 409, conflict.text
        assert conflict.json()["error"]["code"] == "idempotency_conflict"
    new_key = await _capture(api, data["order_id"], {"amount": 6000})
    assert new_key.status_code == 409, new_key.text
    assert new_key.json()["error"]["code"] == "not_authorized"
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    got = (await api.get(f"/v1/orders/{order.id}", headers=SERVICE)).json()
    assert got["captured"] == 6000


async def test_void_gives_the_discount_back(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    code = await make_discount(deps, percent_off=10, max_uses=3)
    product = await make_product(deps, price=5556)
    resp = await create(api, body(product, capture="manual", discount_code=code))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    pi = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "succeed"})
    await wait_status(deps, data["id"], "authorized", timeout=30)
    assert await discount_uses(deps, code) == 1
    resp = await api.post(f"/v1/orders/{data['order_id']}/void", headers=SERVICE)
    assert resp.status_code == 202, resp.text
    again = await api.post(f"/v1/orders/{data['order_id']}/void", headers=SERVICE)
    assert again.status_code in (202, 409), again.text
    _, order = await wait_status(deps, data["id"], "voided", timeout=30)
    assert order.status == "voided" and order.captured_minor == 0
    assert (await sim_get(sim, f"/stripe/objects/{pi}"))["status"] == "canceled"
    assert await discount_uses(deps, code) == 0
    assert await ledger(deps, order.id) == []
    assert await event_types(deps, order.id) == ["order.authorized", "order.voided"]
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-manual-void")


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_hold_expiring_voids(
    gateway: str,
    worker: Worker,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "authorization_hold_s", 3)
    data, payment_id = await _authorized(api, deps, sim, gateway)
    _, order = await wait_status(deps, data["id"], "voided", timeout=30)
    assert order.status_reason == "authorization hold expired uncaptured"
    late = await _capture(api, data["order_id"])
    assert late.status_code == 409, late.text
    status, captured, _ = await _psp_captured(sim, gateway, payment_id)
    assert status in ("canceled", "authorized") and (gateway == "razorpay" or captured == 0)


async def test_a_free_order_is_paid_at_once(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, temporal_client: Client
) -> None:
    code = await make_discount(deps, percent_off=100, max_uses=2)
    product = await make_product(deps)
    resp = await create(api, body(product, discount_code=code))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    assert data["status"] in ("paid", "fulfilled")
    assert data["amounts"]["total"] == 0
    assert data["gateway"]["object_id"] is None and data["gateway"]["client_secret"] is None
    co, order = await wait_status(deps, data["id"], "fulfilled", timeout=20)
    assert order.captured_minor == 0 and co.gateway_object_id is None
    assert await discount_uses(deps, code) == 1
    assert "order.paid" in await event_types(deps, order.id)
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-free-order")
