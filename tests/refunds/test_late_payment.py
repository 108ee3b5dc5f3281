"""A payment that arrived after its checkout closed is returned through the same saga:
``open_refund(origin="late_payment")`` (what the payment review calls) + RefundWorkflow."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.services.refunds import OrderNotRefundable, open_refund
from sagas.starters.refund import start_refund
from sagas.workflows.refund import RefundWorkflow
from tests.refunds.helpers import (
    ledger,
    order_row,
    post_refund,
    psp_refunds,
    refund_rows,
    seed_order,
    wait_final,
)
from tests.replay.record import record_history


async def _open_late(deps: Deps, order_id: str, payment_id: str, psp_payment_id: str) -> Any:
    async with deps.sessions() as session, session.begin():
        return await open_refund(
            session,
            order_id=order_id,
            idempotency_key=f"late-{psp_payment_id}",
            amount_minor=None,
            reason="payment arrived after the checkout was expired",
            origin="late_payment",
            payment_id=payment_id,
        )


async def test_late_payment_refund_goes_through_the_refund_saga(
    api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker, temporal_client: Client
) -> None:
    s = await seed_order(deps, sim, "razorpay", status="expired", payment_status="late")
    # The API refuses: the order was never paid.
    assert (await post_refund(api, s.order_id)).status_code == 409

    opened = await _open_late(deps, s.order_id, s.payment_id, s.psp_payment_id)
    assert opened.created and opened.refund.origin == "late_payment"
    assert opened.refund.amount_minor == s.amount
    again = await _open_late(deps, s.order_id, s.payment_id, s.psp_payment_id)
    assert not again.created and again.refund.id == opened.refund.id  # a retried review

    await start_refund(temporal_client, opened.refund, deps.settings)
    await start_refund(temporal_client, opened.refund, deps.settings)  # no second saga
    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, opened.refund.workflow_id)
    result = await asyncio.wait_for(handle.result(), timeout=40)
    assert result.status == "succeeded"
    final = await wait_final(deps, opened.refund.id)
    assert final.status == "succeeded"
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor, order.captured_minor) == (
        "refunded",
        s.amount,
        s.amount,
    )
    assert sum(e.amount_minor for e in await ledger(deps, s.order_id)) == 0
    assert [r["amount"] for r in await psp_refunds(deps, sim, s)] == [s.amount]
    assert len(await refund_rows(deps, s.order_id)) == 1
    await record_history(temporal_client, opened.refund.workflow_id, "refund-razorpay-late-payment")


async def test_late_payment_refund_needs_the_late_payment(deps: Deps, sim: Any) -> None:
    s = await seed_order(deps, sim, "stripe")  # a normal captured payment
    try:
        await _open_late(deps, s.order_id, s.payment_id, s.psp_payment_id)
    except OrderNotRefundable:
        pass
    else:
        raise AssertionError("a captured payment of a paid order is not a late payment")
    assert await refund_rows(deps, s.order_id) == []
