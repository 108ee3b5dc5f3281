"""The sweep end to end: real Temporal, the real SDKs against the simulator, the API."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.conftest import ADMIN, SERVICE
from tests.reconciliation.helpers import ACTION_BUCKETS, ids, sweep
from tests.replay.record import record_history


async def orphan_intent(deps: Deps, **extra: Any) -> str:
    """A PaymentIntent made straight at the PSP, naming a checkout we never had."""
    stripe = deps.gateways.require_stripe()
    pi = await stripe.v1.payment_intents.create_async(
        params={
            "amount": 4200,
            "currency": "usd",
            "metadata": {"checkout_id": f"co_ghost_{secrets.token_hex(6)}"},
            **extra,
        }
    )
    return str(pi.id)


async def intent_status(deps: Deps, pi_id: str) -> str:
    pi = await deps.gateways.require_stripe().v1.payment_intents.retrieve_async(pi_id)
    return str(pi.status)


async def test_orphan_intent_cancelled_and_second_sweep_is_a_no_op(
    worker: Worker, deps: Deps, temporal_client: Client
) -> None:
    pi_id = await orphan_intent(deps)
    foreign = await deps.gateways.require_stripe().v1.payment_intents.create_async(
        params={"amount": 999, "currency": "usd"}  # not ours: no checkout_id in metadata
    )
    first = await sweep(temporal_client, worker.task_queue)
    assert pi_id in ids(first, "orphan_gateway_objects_cancelled"), first
    item = next(i for i in first.orphan_gateway_objects_cancelled if i.object_id == pi_id)
    assert item.action == "cancelled" and "does not exist" in item.detail
    assert await intent_status(deps, pi_id) == "canceled"
    assert await intent_status(deps, str(foreign.id)) == "requires_payment_method"
    assert first.counts["orphan_gateway_objects_cancelled"] >= 1
    assert first.examined["gateway_objects"] >= 1

    # Safe to run twice: nothing the first sweep repaired is touched again. (Other test
    # modules share this worker's database, so the second sweep may find *their* leftovers;
    # the property is about ours.)
    second = await sweep(temporal_client, worker.task_queue)
    repaired = {item.object_id for b in ACTION_BUCKETS for item in getattr(first, b)}
    again = {item.object_id for b in ACTION_BUCKETS for item in getattr(second, b)}
    assert not repaired & again, second
    assert not {e.object_id for e in second.errors} & repaired, second.errors
    assert await intent_status(deps, pi_id) == "canceled"


async def test_young_orphan_is_left_for_its_saga(
    worker: Worker, deps: Deps, temporal_client: Client
) -> None:
    from sagas.workflows.reconciliation import ReconcileInput

    pi_id = await orphan_intent(deps)
    report = await sweep(
        temporal_client, worker.task_queue, ReconcileInput(older_than_s=600, refund_pending_s=3600)
    )
    assert pi_id not in ids(report, "orphan_gateway_objects_cancelled")
    assert await intent_status(deps, pi_id) == "requires_payment_method"


async def test_admin_endpoint(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, temporal_client: Client
) -> None:
    assert (await api.post("/v1/admin/reconcile")).status_code == 401
    forbidden = await api.post("/v1/admin/reconcile", headers=SERVICE)
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "forbidden"
    bad = await api.post("/v1/admin/reconcile", headers=ADMIN, json={"limit": 0})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"
    unknown = await api.post("/v1/admin/reconcile", headers=ADMIN, json={"limt": 5})
    assert unknown.status_code == 422
    huge = await api.post("/v1/admin/reconcile", headers=ADMIN, json={"older_than_s": 10**15})
    assert huge.status_code == 422
    not_json = await api.post(
        "/v1/admin/reconcile",
        headers=ADMIN,
        content=b"{",
    )
    assert not_json.status_code == 422

    pi_id = await orphan_intent(deps)
    resp = await api.post(
        "/v1/admin/reconcile",
        headers=ADMIN,
        json={
            "older_than_s": 0,
            "checkout_grace_s": 60,
            "refund_pending_s": 3600,
            "webhook_failed_older_than_s": 3600,
        },
    )
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert data["status"] == "completed"
    assert data["workflow_id"].startswith("reconcile-manual-")
    cancelled = [i["object_id"] for i in data["report"]["orphan_gateway_objects_cancelled"]]
    assert pi_id in cancelled
    assert set(data["report"]["counts"]) >= {*ACTION_BUCKETS, "errors"}
    await record_history(temporal_client, data["workflow_id"], "reconciliation-orphan-cancelled")

    waited = await api.post("/v1/admin/reconcile", headers=ADMIN, json={"wait_s": 0})
    assert waited.status_code == 202, waited.text
    assert waited.json()["status"] == "running" and waited.json()["report"] is None
    handle = temporal_client.get_workflow_handle(waited.json()["workflow_id"])
    await handle.result()
