"""Idempotency-Key, double clicks, the last discount use, a failing PSP, bad input."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

import httpx
from sqlalchemy import func, select
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.models.checkouts import Checkout
from sagas.deps import Deps
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.workflows.checkout import CheckoutState
from tests.checkout.helpers import (
    body,
    create,
    discount_uses,
    ledger,
    make_discount,
    make_product,
    rows,
    sim_post,
    wait_status,
)


def _stripe_objects_for(sim: Any, checkout_id: str) -> list[str]:
    return [
        oid
        for oid, obj in list(sim.sim.store.stripe.items())
        if obj.get("object") in ("payment_intent", "checkout.session", "payment_link")
        and (obj.get("metadata") or {}).get("checkout_id") == checkout_id
    ]


async def test_same_key_same_body_answers_the_same_checkout(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps)
    key = secrets.token_hex(8)
    first = await create(api, body(product), key)
    second = await create(api, body(product), key)
    assert first.status_code == 201 and second.status_code == 200, second.text
    assert first.json()["id"] == second.json()["id"]
    assert second.json()["gateway"] == first.json()["gateway"]
    assert second.json()["client_token"] is None  # returned once only
    other = await create(api, body(product, customer_id="someone-else"), key)
    assert other.status_code == 409
    assert len(_stripe_objects_for(sim, first.json()["id"])) == 1


async def test_double_click_makes_one_checkout_and_one_gateway_object(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps)
    key = secrets.token_hex(8)
    answers = await asyncio.gather(*(create(api, body(product), key) for _ in range(3)))
    assert all(a.status_code in (200, 201) for a in answers), [a.text for a in answers]
    ids = {a.json()["id"] for a in answers}
    assert len(ids) == 1
    async with deps.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Checkout).where(Checkout.idempotency_key == key)
        )
    assert count == 1
    assert len(_stripe_objects_for(sim, ids.pop())) == 1


async def test_concurrent_checkouts_race_for_the_last_discount_use(
    worker: Worker, api: httpx.AsyncClient, deps: Deps
) -> None:
    product = await make_product(deps)
    code = await make_discount(deps, max_uses=1)
    answers = await asyncio.gather(
        *(create(api, body(product, discount_code=code)) for _ in range(4))
    )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201, 422, 422, 422], [a.text for a in answers]
    loser = next(a for a in answers if a.status_code == 422)
    assert loser.json()["error"]["details"]["reason"] == "max_uses_reached"
    assert await discount_uses(deps, code) == 1


async def test_psp_failure_answers_502_and_leaves_nothing_pending(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    product = await make_product(deps)
    code = await make_discount(deps, max_uses=3)
    key = secrets.token_hex(8)
    refusal = {
        "api_error_rate": 1.0,
        "api_error_status": 400,  # Stripe refuses the PaymentIntent outright
        "api_error_paths": ["/stripe/v1/payment_intents"],
    }
    assert sim.control("PUT", "/faults", refusal).status_code == 200
    try:
        resp = await create(api, body(product, quantity=1, discount_code=code), key)
        assert resp.status_code == 502, resp.text
        assert await discount_uses(deps, code) == 0
        async with deps.sessions() as session:
            co = await session.scalar(select(Checkout).where(Checkout.idempotency_key == key))
        assert co is not None
        co, order = await wait_status(deps, co.id, "failed", timeout=5)
        assert order.status == "failed"
        again = await create(api, body(product, quantity=1, discount_code=code), key)
        assert again.status_code == 502
    finally:
        assert sim.control("DELETE", "/faults").status_code == 200


async def test_bad_input_is_422_and_writes_nothing(api: httpx.AsyncClient, deps: Deps) -> None:
    product = await make_product(
        deps,
        custom_fields=[
            {
                "key": "size",
                "label": "Size",
                "type": "select",
                "required": True,
                "options": ["S", "M"],
            }
        ],
    )
    inr = await make_product(deps, currency="INR")
    cases = [
        body("prod_missing"),
        body(product),  # required custom field missing
        {
            **body(product),
            "items": [{"product_id": product, "quantity": 1, "custom_data": {"size": "XL"}}],
        },
        {
            **body(product),
            "items": [{"product_id": product, "quantity": 0, "custom_data": {"size": "S"}}],
        },
        {
            **body(product),
            "items": [
                {"product_id": product, "quantity": 1, "custom_data": {"size": "S"}},
                {"product_id": inr, "quantity": 1},
            ],
        },
        body(product, gateway="razorpay", flow="payment_intent"),
        body(product, discount_code="NOPE"),
    ]
    async with deps.sessions() as session:
        before = await session.scalar(select(func.count()).select_from(Checkout))
    for case in cases:
        resp = await create(api, case)
        assert resp.status_code == 422, (case, resp.text)
        assert "error" in resp.json()
    no_key = await api.post(
        "/v1/checkouts", json=body(product), headers={"Authorization": "Bearer test-service-key"}
    )
    assert no_key.status_code == 400
    async with deps.sessions() as session:
        after = await session.scalar(select(func.count()).select_from(Checkout))
    assert before == after


async def test_duplicate_and_out_of_order_events(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    # The simulator's own webhooks are dropped here: only the events sent below count.
    async with httpx.AsyncClient(timeout=10) as client:
        put = await client.put(f"{sim.base_url}/_sim/faults", json={"webhook_drop_rate": 1.0})
        assert put.status_code == 200, put.text
    try:
        await _duplicates_and_reordering(api, deps, sim, temporal_client)
    finally:
        async with httpx.AsyncClient(timeout=10) as client:
            await client.delete(f"{sim.base_url}/_sim/faults")


async def _duplicates_and_reordering(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    data = (await create(api, body(product))).json()
    pi = data["gateway"]["object_id"]
    handle = temporal_client.get_workflow_handle(data["workflow_id"])

    def event(eid: str, kind: PspEventKind) -> PspEvent:
        return PspEvent(
            gateway=Gateway.STRIPE,
            event_id=eid,
            event_type=kind.value,
            kind=kind,
            object_id=pi,
            payment_id=pi,
            checkout_id=data["id"],
        )

    # The success arrives before the payment happened (reordered), then twice, then a
    # stale failure: the saga believes only the PSP's own state.
    await handle.signal("psp_event", event("evt_ok", PspEventKind.PAYMENT_SUCCEEDED))
    await sim_post(sim, f"/stripe/payment_intents/{pi}/pay", {"outcome": "succeed"})
    for eid, kind in [
        ("evt_ok", PspEventKind.PAYMENT_SUCCEEDED),
        ("evt_fail", PspEventKind.PAYMENT_FAILED),
        ("evt_fail", PspEventKind.PAYMENT_FAILED),
    ]:
        await handle.signal("psp_event", event(eid, kind))
    _, order = await wait_status(deps, data["id"], "fulfilled")
    state = await handle.query("state", result_type=CheckoutState)
    assert state.events_seen == 2
    assert [e.amount_minor for e in await ledger(deps, order.id)] == [10000]
    _, order = await rows(deps, data["id"])
    assert order.captured_minor == 10000
