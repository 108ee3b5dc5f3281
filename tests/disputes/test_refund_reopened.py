"""A Stripe refund that fails after it was reported ``succeeded``, after its refund saga
closed: the refund is reopened as failed, the order and the ledger get the money back,
``NeedsAttention`` is raised until an operator resolves it."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.workflows.refund import RefundWorkflow
from sagas.workflows.refund_reopened.messages import RefundReopenResult, reopen_workflow_id
from tests.conftest import SERVICE
from tests.disputes.helpers import needs_attention, seeded, wait_attention
from tests.refunds.helpers import (
    ledger,
    order_row,
    post_refund,
    refund_row,
    sim_control,
    wait_final,
)
from tests.replay.record import record_history
from tests.support.net import eventually

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize(
    ("amount", "status_after_refund"), [(None, "refunded"), (2000, "partially_refunded")]
)
async def test_refund_failed_after_success_restores_the_order(
    amount: int | None,
    status_after_refund: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seeded(deps, sim, "stripe", status="fulfilled")
    made = await post_refund(api, s.order_id, {"amount": amount} if amount else {})
    assert made.status_code == 202, made.text
    refund_id = made.json()["id"]
    saga = temporal_client.get_workflow_handle_for(RefundWorkflow.run, f"refund-{refund_id}")
    assert (await asyncio.wait_for(saga.result(), timeout=40)).status == "succeeded"
    done = await wait_final(deps, refund_id)
    order = await order_row(deps, s.order_id)
    assert order.status == status_after_refund
    assert done.gateway_refund_id is not None

    await sim_control(sim, "POST", f"/stripe/refunds/{done.gateway_refund_id}/fail")

    async def reopened() -> bool:
        return (await refund_row(deps, refund_id)).status == "failed"

    await eventually(reopened, timeout=30, interval=0.2, message="refund reopened as failed")
    row = await refund_row(deps, refund_id)
    assert row.failure_reason and "after success" in row.failure_reason
    order = await order_row(deps, s.order_id)
    assert order.refunded_minor == 0 and order.status == "fulfilled"
    entries = sorted((e.kind, e.amount_minor) for e in await ledger(deps, s.order_id))
    refunded = amount or s.amount
    assert ("refund_reversal", refunded) in entries and ("refund", -refunded) in entries
    assert sum(a for _, a in entries) == s.amount  # the capture stands whole again

    feed = await api.get("/v1/events", params={"object_id": refund_id}, headers=SERVICE)
    types = [e["type"] for e in feed.json()["data"]]
    assert types == ["refund.succeeded", "refund.failed"], types
    assert feed.json()["data"][-1]["data"]["object"]["status"] == "failed"
    wid = reopen_workflow_id(refund_id)
    await wait_attention(temporal_client, wid, True)
    view = (await api.get(f"/v1/refunds/{refund_id}", headers=SERVICE)).json()
    assert view["status"] == "failed"
    handle = temporal_client.get_workflow_handle(wid, result_type=RefundReopenResult)
    await handle.execute_update(
        "operator_action", {"action": "resolve", "reason": "refunded by bank transfer"}
    )
    result = await asyncio.wait_for(handle.result(), timeout=20)
    assert result.reopened and result.stage == "resolved_by_operator"
    assert await needs_attention(temporal_client, wid) is False
    again = await post_refund(api, s.order_id, {"amount": 100})
    assert again.status_code == 202, again.text  # the money is refundable again
    if amount is None:
        await record_history(temporal_client, wid, "refund-reopened-stripe-full")
