"""Invariants 2 and 3 through the sweep: a checkout whose workflow died, and money that
arrived after its checkout closed while its webhook was lost."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.models.orders import Payment
from sagas.db.models.refunds import Refund
from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product, rows, sim_post, wait_status
from tests.reconciliation.helpers import ACTION_BUCKETS, ids, sweep, webhooks_lost
from tests.replay.record import record_history
from tests.support.net import eventually


async def test_checkout_with_terminated_workflow_is_restarted_and_binds_the_payment(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product, expires_in_s=20))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    handle = temporal_client.get_workflow_handle(data["workflow_id"])
    await handle.terminate(reason="test: the saga dies before the payment arrives")
    pi_id = data["gateway"]["object_id"]
    await sim_post(sim, f"/stripe/payment_intents/{pi_id}/pay", {"outcome": "succeed"})

    sweep_id = f"reconcile-test-stuck-{data['id']}"
    report = await sweep(temporal_client, worker.task_queue, workflow_id=sweep_id)
    assert data["id"] in ids(report, "stuck_checkouts_restarted_or_signalled"), report
    item = next(
        i for i in report.stuck_checkouts_restarted_or_signalled if i.object_id == data["id"]
    )
    assert item.action == "restarted" and "workflow ended" in item.detail
    assert pi_id not in ids(report, "late_payments_handed_to_review")  # its own saga has it

    _, order = await wait_status(deps, data["id"], "paid", "fulfilled")
    assert order.captured_minor == order.total_minor
    async with deps.sessions() as session:
        pay = await session.scalar(select(Payment).where(Payment.gateway_payment_id == pi_id))
    assert pay is not None and pay.status == "captured"
    await record_history(temporal_client, sweep_id, "reconciliation-stuck-checkout-restarted")

    again = await sweep(temporal_client, worker.task_queue)
    assert data["id"] not in ids(again, "stuck_checkouts_restarted_or_signalled")
    assert pi_id not in ids(again, "late_payments_handed_to_review")


async def test_late_razorpay_payment_with_lost_webhook_goes_to_review_and_is_refunded(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps, currency="INR")
    resp = await create(api, body(product, gateway="razorpay", flow="order", expires_in_s=2))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    co, _ = await wait_status(deps, data["id"], "expired")
    order_id = data["gateway"]["object_id"]
    async with webhooks_lost(sim, "payment.captured", "order.paid"):
        paid = await sim_post(
            sim, f"/razorpay/orders/{order_id}/pay", {"outcome": "succeed", "capture": "auto"}
        )
    sweep_id = f"reconcile-test-late-{data['id']}"
    report = await sweep(temporal_client, worker.task_queue, workflow_id=sweep_id)
    payment_id = paid["razorpay_payment_id"]
    assert payment_id in ids(report, "late_payments_handed_to_review"), report
    review = temporal_client.get_workflow_handle(f"payment-review-razorpay-{payment_id}")
    await review.describe()

    async def late_refund() -> Refund | None:
        async with deps.sessions() as session:
            pay = await session.scalar(
                select(Payment).where(Payment.gateway_payment_id == payment_id)
            )
            if pay is None:
                return None
            found: Refund | None = await session.scalar(
                select(Refund).where(Refund.payment_id == pay.id)
            )
            return found

    refund = await eventually(
        late_refund,
        timeout=30,
        interval=0.3,
        message="the review never booked the late payment's refund",
    )
    assert refund.origin == "late_payment" and refund.amount_minor == co.total_minor

    async def refunded() -> bool:
        _, order = await rows(deps, data["id"])
        return order.status == "refunded"

    await eventually(refunded, timeout=40, interval=0.5, message="late payment never refunded")
    await record_history(temporal_client, sweep_id, "reconciliation-late-payment-to-review")

    again = await sweep(temporal_client, worker.task_queue)
    assert payment_id not in ids(again, "late_payments_handed_to_review")
    assert {b: len(getattr(again, b)) for b in ACTION_BUCKETS if data["id"] in ids(again, b)} == {}
