"""Settlement-gate attacks, end to end: each leaves the order unpaid and records why."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.workflows.checkout import CheckoutState
from tests.checkout.helpers import body, create, make_product, rows, sim_get, sim_post, wait_status
from tests.support.net import eventually


async def _start(api: httpx.AsyncClient, deps: Deps, **kw: Any) -> dict[str, Any]:
    currency = "INR" if kw.get("gateway") == "razorpay" else "USD"
    product = await make_product(deps, currency=currency)
    resp = await create(api, body(product, **kw))
    assert resp.status_code == 201, resp.text
    data: dict[str, Any] = resp.json()
    return data


async def _rejected(client: Client, data: dict[str, Any], reason: str) -> CheckoutState:
    handle = client.get_workflow_handle(data["workflow_id"])

    async def probe() -> CheckoutState | None:
        state = await handle.query("state", result_type=CheckoutState)
        return state if any(r.reason == reason for r in state.rejections) else None

    state: CheckoutState = await eventually(
        probe, timeout=30, interval=0.3, message=f"no {reason} rejection"
    )
    assert state.stage in ("awaiting_payment", "processing")
    return state


async def _reason_recorded(deps: Deps, checkout_id: str, reason: str) -> tuple[Any, Any]:
    """The checkout and order rows once the rejection's reason is written: the workflow's
    state shows a rejection before its record activity has committed it."""

    async def probe() -> tuple[Any, Any] | None:
        co, order = await rows(deps, checkout_id)
        return (co, order) if reason in (co.status_reason or "") else None

    found: tuple[Any, Any] = await eventually(
        probe, timeout=30, interval=0.3, message=f"{reason} never recorded"
    )
    return found


def _signal(gateway: Gateway, payment_id: str, checkout_id: str) -> PspEvent:
    return PspEvent(
        gateway=gateway,
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment.captured",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=payment_id,
        payment_id=payment_id,
        checkout_id=checkout_id,
    )


async def test_payment_of_another_checkout(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    a = await _start(api, deps, gateway="razorpay", flow="order")
    b = await _start(api, deps, gateway="razorpay", flow="order")
    paid_b = await sim_post(
        sim, f"/razorpay/orders/{b['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    # A valid tuple of checkout B posted to A's verify endpoint: 400, confirms nothing.
    tuple_b = {
        k: paid_b[k] for k in ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")
    }
    resp = await api.post(
        f"/v1/checkouts/{a['id']}/razorpay/verify",
        json=tuple_b,
        headers={"Authorization": f"Bearer {a['client_token']}"},
    )
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "order_mismatch"
    # A forged webhook pointing A at B's payment: the gate refuses it.
    handle = temporal_client.get_workflow_handle(a["workflow_id"])
    await handle.signal(
        "psp_event", _signal(Gateway.RAZORPAY, paid_b["razorpay_payment_id"], a["id"])
    )
    await _rejected(temporal_client, a, "payment_of_another_checkout")
    _, order = await _reason_recorded(deps, a["id"], "payment_of_another_checkout")
    assert order.status == "pending" and order.captured_minor == 0
    await wait_status(deps, b["id"], "fulfilled")


async def test_short_amount(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    a = await _start(api, deps, gateway="razorpay", flow="order")
    paid = await sim_post(
        sim,
        f"/razorpay/orders/{a['gateway']['object_id']}/pay",
        {"outcome": "succeed", "amount": 9000},
    )
    resp = await api.post(
        f"/v1/checkouts/{a['id']}/razorpay/verify",
        json={
            k: paid[k] for k in ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")
        },
        headers={"Authorization": f"Bearer {a['client_token']}"},
    )
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"]["details"]["reason"] == "amount_short"
    await _rejected(temporal_client, a, "amount_short")
    _, order = await rows(deps, a["id"])
    assert order.status == "pending"


async def test_other_currency_and_not_captured(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, temporal_client: Client, sim: Any
) -> None:
    a = await _start(api, deps)
    stripe = deps.gateways.require_stripe()
    meta = {"checkout_id": a["id"]}
    eur = await stripe.v1.payment_intents.create_async(
        params={"amount": 10000, "currency": "eur", "metadata": meta}
    )
    manual = await stripe.v1.payment_intents.create_async(
        params={"amount": 10000, "currency": "usd", "metadata": meta, "capture_method": "manual"}
    )
    for pi in (eur, manual):
        await sim_post(sim, f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})
    handle = temporal_client.get_workflow_handle(a["workflow_id"])
    await handle.signal("psp_event", _signal(Gateway.STRIPE, eur.id, a["id"]))
    await _rejected(temporal_client, a, "currency_mismatch")
    await handle.signal("psp_event", _signal(Gateway.STRIPE, manual.id, a["id"]))
    await _rejected(temporal_client, a, "payment_not_captured")
    _, order = await rows(deps, a["id"])
    assert order.status == "pending"


async def test_failed_then_retried_payment(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    a = await _start(api, deps)
    pi = a["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "decline"})
    await _rejected(temporal_client, a, "payment_failed")
    _, order = await _reason_recorded(deps, a["id"], "payment_failed")
    assert order.status == "pending"
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "succeed"})
    await wait_status(deps, a["id"], "fulfilled")


async def test_razorpay_authorized_is_captured_first(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    a = await _start(api, deps, gateway="razorpay", flow="order")
    paid = await sim_post(
        sim,
        f"/razorpay/orders/{a['gateway']['object_id']}/pay",
        {"outcome": "succeed", "capture": "manual"},
    )
    resp = await api.post(
        f"/v1/checkouts/{a['id']}/razorpay/verify",
        json={
            k: paid[k] for k in ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")
        },
        headers={"Authorization": f"Bearer {a['client_token']}"},
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["outcome"] == "paid"
    await wait_status(deps, a["id"], "fulfilled")
    payment = await sim_get(sim, f"/razorpay/objects/{paid['razorpay_payment_id']}")
    assert payment["status"] == "captured"


async def test_verify_rejects_a_bad_signature(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    a = await _start(api, deps, gateway="razorpay", flow="order")
    paid = await sim_post(
        sim,
        f"/razorpay/orders/{a['gateway']['object_id']}/pay",
        {"outcome": "succeed", "capture": "manual"},
    )
    forged = {
        "razorpay_order_id": paid["razorpay_order_id"],
        "razorpay_payment_id": paid["razorpay_payment_id"],
        "razorpay_signature": "00" * 32,
    }
    headers = {"Authorization": f"Bearer {a['client_token']}"}
    resp = await api.post(f"/v1/checkouts/{a['id']}/razorpay/verify", json=forged, headers=headers)
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "invalid_signature"
    other = await api.post(
        f"/v1/checkouts/{a['id']}/razorpay/verify",
        json=forged,
        headers={"Authorization": "Bearer ct_not_the_token"},
    )
    assert other.status_code == 401


async def test_processing_is_its_own_stage(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    a = await _start(api, deps)
    pi = a["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "processing"})
    _, order = await wait_status(deps, a["id"], "processing")
    assert order.status == "pending"  # not money yet
    await sim_post(sim, f"/stripe/payment_intents/{pi}/settle", {"outcome": "succeed"})
    await wait_status(deps, a["id"], "fulfilled")
