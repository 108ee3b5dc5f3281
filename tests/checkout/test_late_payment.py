"""A payment that lands after the checkout closed is refunded automatically."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from sqlalchemy import select
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.worker import Worker

from sagas.db.models.refunds import Refund
from sagas.deps import Deps
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.workflows.payment_review import PaymentReviewWorkflow, ReviewResult
from tests.checkout.helpers import (
    SERVICE,
    body,
    create,
    discount_uses,
    ledger,
    make_discount,
    make_product,
    rows,
    sim_get,
    sim_post,
    wait_status,
)
from tests.replay.record import record_history


async def _review(
    client: Client, worker: Worker, payment_id: str, checkout_id: str, record_as: str | None = None
) -> ReviewResult:
    """What the webhook router does for a payment event of a closed checkout."""
    event = PspEvent(
        gateway=Gateway.RAZORPAY,
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment.captured",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=payment_id,
        payment_id=payment_id,
        checkout_id=checkout_id,
    )
    workflow_id = f"payment-review-razorpay-{payment_id}"
    handle = await client.start_workflow(
        PaymentReviewWorkflow.run,
        event,
        id=workflow_id,
        task_queue=worker.task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
    result: ReviewResult = await handle.result()
    if record_as:
        await record_history(client, workflow_id, record_as)
    return result


async def test_late_razorpay_payment_is_refunded(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps, currency="INR")
    code = await make_discount(deps, percent_off=50, max_uses=2)
    data = (
        await create(
            api, body(product, gateway="razorpay", flow="order", discount_code=code, expires_in_s=3)
        )
    ).json()
    await wait_status(deps, data["id"], "expired")
    assert await discount_uses(deps, code) == 0
    paid = await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    payment_id = paid["razorpay_payment_id"]
    result = await _review(
        temporal_client, worker, payment_id, data["id"], record_as="payment-review-late-refunded"
    )
    assert result.verdict == "late" and result.refund_status == "succeeded"
    _, order = await rows(deps, data["id"])
    assert order.status == "refunded" and "late payment" in (order.status_reason or "")
    assert order.captured_minor == order.refunded_minor == 5000
    assert sorted(e.amount_minor for e in await ledger(deps, order.id)) == [-5000, 5000]
    async with deps.sessions() as session:
        refunds = list(await session.scalars(select(Refund).where(Refund.order_id == order.id)))
    assert [(r.origin, r.status) for r in refunds] == [("late_payment", "succeeded")]
    psp_payment = await sim_get(sim, f"/razorpay/objects/{payment_id}")
    assert psp_payment["amount_refunded"] == 5000
    shown = await api.get(f"/v1/orders/{order.id}", headers=SERVICE)
    assert shown.json()["payments"][0]["status"] == "late"
    assert shown.json()["refunds"][0]["status"] == "succeeded"
    again = await _review(temporal_client, worker, payment_id, data["id"])
    assert again.verdict == "late"  # the same workflow id: one review per payment


async def test_review_leaves_a_paid_order_alone(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps, currency="INR")
    data = (await create(api, body(product, gateway="razorpay", flow="order"))).json()
    paid = await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await wait_status(deps, data["id"], "fulfilled")
    result = await _review(temporal_client, worker, paid["razorpay_payment_id"], data["id"])
    assert result.verdict == "held"
    _, order = await rows(deps, data["id"])
    assert order.status == "fulfilled" and order.refunded_minor == 0
