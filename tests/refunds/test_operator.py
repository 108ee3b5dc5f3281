"""Past its deadline the refund saga asks an operator (NeedsAttention) instead of
guessing; `retry` asks the PSP again with the same key, `resolve` closes it."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.starters.refund import start_refund
from sagas.temporal import search_attributes as sa
from sagas.worker_main import build_worker
from sagas.workflows.operator.actions import (
    OperatorAction,
    OperatorActionKind,
    OperatorActionResult,
)
from sagas.workflows.refund import RefundWorkflow
from tests.refunds.helpers import (
    order_row,
    psp_refunds,
    refund_row,
    seed_order,
    sim_control,
    wait_final,
)
from tests.replay.record import record_history
from tests.support.net import eventually

DEADLINE_S = 3


@pytest.fixture
async def short_deadline(temporal_client: Client, deps: Deps) -> AsyncIterator[Deps]:
    """A worker whose refund deadline is seconds, on its own task queue."""
    settings = deps.settings.model_copy(
        update={
            "refund_deadline_s": DEADLINE_S,
            "psp_poll_interval_s": 1,
            "temporal_task_queue": f"refunds-deadline-{secrets.token_hex(3)}",
        }
    )
    short = Deps.build(settings)
    worker = build_worker(temporal_client, short)
    task = asyncio.create_task(worker.run())
    try:
        yield short
    finally:
        await worker.shutdown()
        await asyncio.gather(task, return_exceptions=True)
        await short.aclose()


async def _attention(client: Client, workflow_id: str) -> Any:
    handle = client.get_workflow_handle_for(RefundWorkflow.run, workflow_id)

    async def probe() -> Any:
        state = await handle.query(RefundWorkflow.state)
        return state if state.attention.needed else None

    return await eventually(probe, timeout=30, interval=0.3, message="needs attention")


async def _open(api: httpx.AsyncClient, deps: Deps, sim: Any, gateway: str) -> tuple[Any, str]:
    """A refund whose PSP side never settles by itself, opened but not yet started."""
    s = await seed_order(deps, sim, gateway)
    await sim_control(
        sim,
        "PUT",
        "/refund_behaviour",
        {
            "gateway": gateway,
            "sync_status": None,
            "final_status": "succeeded",
            "settle_after_s": None,
        },
    )
    # Opened through the service only (the API would start it on the main worker's queue).
    from sagas.services.refunds import open_refund

    async with deps.sessions() as session, session.begin():
        opened = await open_refund(
            session,
            order_id=s.order_id,
            idempotency_key=f"op-{secrets.token_hex(4)}",
            amount_minor=None,
            reason="operator test",
            origin="api",
        )
    return s, opened.refund.id


async def test_deadline_needs_attention_then_retry(
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
    short_deadline: Deps,
) -> None:
    s, refund_id = await _open(api, deps, sim, "stripe")
    refund = await refund_row(deps, refund_id)
    await start_refund(temporal_client, refund, short_deadline.settings)
    state = await _attention(temporal_client, refund.workflow_id)
    assert state.stage == "awaiting_psp" and "deadline" in (state.attention.reason or "")
    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, refund.workflow_id)
    desc = await handle.describe()
    assert desc.typed_search_attributes.get(sa.NEEDS_ATTENTION) is True
    assert (await refund_row(deps, refund_id)).status == "pending"  # never guessed

    for bad in (
        OperatorAction(action=OperatorActionKind.CANCEL, reason="no"),
        OperatorAction(action=OperatorActionKind.RESOLVE, reason="  "),
    ):
        with pytest.raises(WorkflowUpdateFailedError):
            await handle.execute_update("operator_action", bad, result_type=OperatorActionResult)

    ok = await handle.execute_update(
        "operator_action",
        OperatorAction(action=OperatorActionKind.RETRY, reason="PSP support says it settles now"),
        result_type=OperatorActionResult,
    )
    assert ok.accepted
    gateway_refund_id = (await refund_row(deps, refund_id)).gateway_refund_id
    assert gateway_refund_id
    await sim_control(
        sim, "POST", f"/stripe/refunds/{gateway_refund_id}/settle", {"outcome": "succeed"}
    )
    result = await asyncio.wait_for(handle.result(), timeout=30)
    assert result.status == "succeeded"
    assert (await wait_final(deps, refund_id)).status == "succeeded"
    assert (await order_row(deps, s.order_id)).status == "refunded"
    assert len(await psp_refunds(deps, sim, s)) == 1  # the retry reused the key
    desc = await handle.describe()
    assert desc.typed_search_attributes.get(sa.NEEDS_ATTENTION) is False
    await record_history(
        temporal_client, refund.workflow_id, "refund-stripe-deadline-operator-retry"
    )


async def test_resolve_applies_the_psp_word_or_fails(
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
    short_deadline: Deps,
) -> None:
    s, refund_id = await _open(api, deps, sim, "razorpay")
    refund = await refund_row(deps, refund_id)
    await start_refund(temporal_client, refund, short_deadline.settings)
    await _attention(temporal_client, refund.workflow_id)
    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, refund.workflow_id)
    # The PSP failed it meanwhile (no webhook reached the saga before the operator acted).
    gateway_refund_id = (await refund_row(deps, refund_id)).gateway_refund_id
    await sim_control(
        sim, "POST", f"/razorpay/refunds/{gateway_refund_id}/settle", {"outcome": "fail"}
    )
    await handle.execute_update(
        "operator_action",
        OperatorAction(action=OperatorActionKind.RESOLVE, reason="checked with Razorpay"),
        result_type=OperatorActionResult,
    )
    result = await asyncio.wait_for(handle.result(), timeout=30)
    assert result.stage == "resolved_by_operator"
    final = await wait_final(deps, refund_id)
    assert final.status == "failed"
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("paid", 0)


async def test_resolve_applies_a_psp_success(
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
    short_deadline: Deps,
) -> None:
    """The other half of ``resolve``: a PSP that now says succeeded wins over the operator
    (marking it failed would make the refunded money refundable a second time)."""
    s, refund_id = await _open(api, deps, sim, "stripe")
    refund = await refund_row(deps, refund_id)
    await start_refund(temporal_client, refund, short_deadline.settings)
    await _attention(temporal_client, refund.workflow_id)
    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, refund.workflow_id)
    gateway_refund_id = (await refund_row(deps, refund_id)).gateway_refund_id
    await sim_control(
        sim, "POST", f"/stripe/refunds/{gateway_refund_id}/settle", {"outcome": "succeed"}
    )
    await handle.execute_update(
        "operator_action",
        OperatorAction(action=OperatorActionKind.RESOLVE, reason="looks stuck, failing it"),
        result_type=OperatorActionResult,
    )
    result = await asyncio.wait_for(handle.result(), timeout=30)
    assert (result.status, result.stage) == ("succeeded", "resolved_by_operator")
    final = await wait_final(deps, refund_id)
    assert final.status == "succeeded" and final.fulfilment_revoked_at is not None
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("refunded", s.amount)
