"""Faults on the PSP side: duplicated and reordered webhooks through the real router, and
a Payment Link paid twice before it could be deactivated."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.models.orders import Payment
from sagas.db.models.refunds import Refund
from sagas.deps import Deps
from tests.checkout.helpers import body, create, ledger, make_product, sim_post, wait_status
from tests.support.net import eventually


async def _faults(sim: Any, faults: dict[str, Any] | None) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        if faults is None:
            await client.delete(f"{sim.base_url}/_sim/faults")
        else:
            resp = await client.put(f"{sim.base_url}/_sim/faults", json=faults)
            assert resp.status_code == 200, resp.text


async def test_duplicated_and_reordered_webhooks(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    await _faults(sim, {"webhook_duplicate_rate": 1.0, "webhook_reorder_rate": 1.0, "seed": 7})
    try:
        product = await make_product(deps)
        data = await create(api, body(product, flow="checkout_session", expires_in_s=1800))
        data_json = data.json()
        await sim_post(
            sim,
            f"/stripe/checkout/sessions/{data_json['gateway']['object_id']}/pay",
            {"outcome": "succeed"},
        )
        _, order = await wait_status(deps, data_json["id"], "fulfilled")
        assert [e.amount_minor for e in await ledger(deps, order.id)] == [10000]
    finally:
        await _faults(sim, None)


async def test_payment_link_paid_twice_refunds_the_second_payment(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    await _faults(sim, {"webhook_drop_rate": 1.0})  # both payers land before the next poll
    try:
        product = await make_product(deps)
        data = (await create(api, body(product, flow="payment_link"))).json()
        link = data["gateway"]["object_id"]
        first = await sim_post(sim, f"/stripe/payment_links/{link}/pay", {"outcome": "succeed"})
        second = await sim_post(sim, f"/stripe/payment_links/{link}/pay", {"outcome": "succeed"})
        assert first["payment_intent_id"] != second["payment_intent_id"]
        _, order = await wait_status(deps, data["id"], "fulfilled", "partially_refunded")

        async def refunded() -> list[Refund] | None:
            async with deps.sessions() as session:
                found = list(
                    await session.scalars(select(Refund).where(Refund.order_id == order.id))
                )
            return found if found and all(r.status == "succeeded" for r in found) else None

        refunds: list[Refund] = await eventually(refunded, timeout=40, interval=0.5)
        assert [(r.origin, r.amount_minor) for r in refunds] == [("late_payment", 10000)]
        async with deps.sessions() as session:
            payments = list(
                await session.scalars(select(Payment).where(Payment.order_id == order.id))
            )
        assert sorted(p.status for p in payments) == ["captured", "late"]
        late = next(p for p in payments if p.status == "late")
        assert late.refunded_minor == 10000
    finally:
        await _faults(sim, None)
