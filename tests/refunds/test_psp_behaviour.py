"""The PSP misbehaving: a synchronous `succeeded` that later fails, lost webhooks, 5xx on
create. The refund saga decides only on the PSP's later word and never refunds twice."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.workflows.refund import RefundWorkflow
from tests.refunds.helpers import (
    ledger,
    order_row,
    post_refund,
    psp_refunds,
    refund_row,
    seed_order,
    sim_control,
    wait_final,
)
from tests.replay.record import record_history
from tests.support.net import eventually

SYNC_SUCCESS = {"stripe": "succeeded", "razorpay": "processed"}
CREATE_PATH = {"stripe": "/stripe/v1/refunds", "razorpay": "/razorpay/v1/payments/"}


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_sync_succeeded_but_webhook_failed(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seed_order(deps, sim, gateway, status="fulfilled")
    await sim_control(
        sim,
        "PUT",
        "/refund_behaviour",
        {
            "gateway": gateway,
            "sync_status": SYNC_SUCCESS[gateway],
            "final_status": "failed",
            "settle_after_s": 0.5,
        },
    )
    r = await post_refund(api, s.order_id, {"amount": 1200})
    assert r.status_code == 202, r.text
    refund_id = r.json()["id"]
    final = await wait_final(deps, refund_id)
    assert final.status == "failed"
    assert final.failure_reason and "failed" in final.failure_reason
    assert final.fulfilment_revoked_at is None
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("fulfilled", 0)  # as it was before
    assert [e.kind for e in await ledger(deps, s.order_id)] == ["capture"]
    at_psp = await psp_refunds(deps, sim, s)
    assert [x["status"] for x in at_psp] == ["failed"]
    failed_hooks = await sim_control(sim, "GET", f"/webhooks?gateway={gateway}&type=refund.failed")
    assert failed_hooks["count"] >= 1

    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, r.json()["workflow_id"])
    result = await asyncio.wait_for(handle.result(), timeout=30)
    assert result.status == "failed"
    # The money is refundable again: a new refund of the whole amount opens.
    await sim_control(sim, "DELETE", "/refund_behaviour")
    again = await post_refund(api, s.order_id)
    assert again.status_code == 202 and again.json()["amount"] == s.amount
    assert (await wait_final(deps, again.json()["id"])).status == "succeeded"
    assert (await order_row(deps, s.order_id)).status == "refunded"
    await record_history(
        temporal_client, r.json()["workflow_id"], f"refund-{gateway}-sync-succeeded-then-failed"
    )


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_lost_webhooks_recovered_by_poll(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seed_order(deps, sim, gateway)
    await sim_control(sim, "PUT", "/faults", {"webhook_drop_rate": 1.0})
    r = await post_refund(api, s.order_id)
    assert r.status_code == 202, r.text
    final = await wait_final(deps, r.json()["id"])
    assert final.status == "succeeded"
    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, r.json()["workflow_id"])
    await asyncio.wait_for(handle.result(), timeout=30)
    state = await handle.query(RefundWorkflow.state)
    assert state.events_seen == [] and state.reads >= 1  # the poll, not a webhook, did it
    hooks = await sim_control(sim, "GET", f"/webhooks?gateway={gateway}")
    refund_hooks = [h for h in hooks["data"] if "refund" in h["type"] and h.get("dropped")]
    assert refund_hooks, "the simulator dropped the refund webhooks"
    assert (await order_row(deps, s.order_id)).status == "refunded"


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_psp_5xx_on_create_is_retried_without_a_second_refund(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seed_order(deps, sim, gateway)
    await sim_control(
        sim, "PUT", "/faults", {"api_error_rate": 1.0, "api_error_paths": [CREATE_PATH[gateway]]}
    )
    r = await post_refund(api, s.order_id, {"amount": 2500})
    assert r.status_code == 202, r.text
    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, r.json()["workflow_id"])

    async def retried() -> bool:
        desc = await handle.describe()
        pending = desc.raw_description.pending_activities
        return any(p.attempt >= 3 for p in pending)

    await eventually(retried, timeout=20, interval=0.3, message="create retried after 5xx")
    assert (await refund_row(deps, r.json()["id"])).gateway_refund_id is None
    # The listing API is faulted too: look at the simulator's own state instead.
    store = sim.sim.store.stripe if gateway == "stripe" else sim.sim.store.razorpay
    pay_key = "payment_intent" if gateway == "stripe" else "payment_id"
    made = [
        o
        for o in list(store.values())
        if isinstance(o, dict)
        and o.get(pay_key) == s.psp_payment_id
        and (o.get("object") == "refund" or o.get("entity") == "refund")
    ]
    assert made == []
    await sim_control(sim, "DELETE", "/faults")
    final = await wait_final(deps, r.json()["id"])
    assert final.status == "succeeded"
    at_psp = await psp_refunds(deps, sim, s)
    assert [(x["id"], x["amount"]) for x in at_psp] == [(final.gateway_refund_id, 2500)]
