"""PaymentReviewWorkflow asks an operator when a review step cannot go on by itself."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from temporalio.client import Client, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.worker import Worker

from sagas.db.ids import new_id
from sagas.db.models.orders import Order, Payment
from sagas.deps import Deps
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.temporal.search_attributes import NEEDS_ATTENTION
from sagas.workflows.operator.actions import (
    OperatorAction,
    OperatorActionKind,
    OperatorActionResult,
)
from sagas.workflows.payment_review import PaymentReviewWorkflow, ReviewResult, ReviewState
from tests.checkout.helpers import body, create, make_product, rows, sim_post, wait_status
from tests.replay.record import record_history
from tests.support.net import eventually


async def _start_review(
    client: Client, worker: Worker, gateway: Gateway, payment_id: str, checkout_id: str | None
) -> WorkflowHandle[Any, ReviewResult]:
    event = PspEvent(
        gateway=gateway,
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment.captured",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=payment_id,
        payment_id=payment_id,
        checkout_id=checkout_id,
    )
    return await client.start_workflow(
        PaymentReviewWorkflow.run,
        event,
        id=f"payment-review-{gateway.value}-{payment_id}",
        task_queue=worker.task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )


async def _attention(handle: WorkflowHandle[Any, ReviewResult]) -> ReviewState:
    """Wait (bounded) until the review needs an operator."""

    async def probe() -> ReviewState | None:
        state = await handle.query("state", result_type=ReviewState)
        return state if state.attention.needed else None

    state: ReviewState = await eventually(probe, timeout=40, interval=0.3)
    described = await handle.describe()
    assert described.typed_search_attributes.get(NEEDS_ATTENTION) is True
    return state


async def _act(
    handle: WorkflowHandle[Any, ReviewResult], action: OperatorActionKind, reason: str = ""
) -> OperatorActionResult:
    result: OperatorActionResult = await handle.execute_update(
        "operator_action",
        OperatorAction(action=action, reason=reason),
        result_type=OperatorActionResult,
    )
    return result


async def test_an_unreadable_payment_waits_for_an_operator(
    worker: Worker, temporal_client: Client
) -> None:
    handle = await _start_review(
        temporal_client, worker, Gateway.STRIPE, f"pi_missing{secrets.token_hex(6)}", None
    )
    state = await _attention(handle)
    assert "PSP read of the payment failed" in (state.attention.reason or "")
    for bad in (
        OperatorAction(action=OperatorActionKind.RESOLVE, reason="  "),  # a reason is needed
        OperatorAction(action=OperatorActionKind.CANCEL, reason="x"),  # not offered here
    ):
        with pytest.raises(WorkflowUpdateFailedError):
            await handle.execute_update("operator_action", bad, result_type=OperatorActionResult)
    assert (await _act(handle, OperatorActionKind.RETRY, "try once more")).accepted

    # The PSP still does not know the payment: the review asks again, it does not fail.
    async def asked_again() -> ReviewState | None:
        s = await handle.query("state", result_type=ReviewState)
        last = s.attention.last_action
        return s if s.attention.needed and last is None else None

    await eventually(asked_again, timeout=40, interval=0.3)
    assert (await _act(handle, OperatorActionKind.RESOLVE, "test payment, not ours")).accepted
    result = await handle.result()
    assert result.verdict == "unknown" and result.resolution == "test payment, not ours"
    described = await handle.describe()
    assert described.typed_search_attributes.get(NEEDS_ATTENTION) is False
    await record_history(temporal_client, handle.id, "payment-review-operator-resolved")


async def test_a_settled_payment_of_no_checkout_needs_an_operator(
    worker: Worker, temporal_client: Client, deps: Deps, sim: Any
) -> None:
    stripe = deps.gateways.require_stripe()
    pi = await stripe.v1.payment_intents.create_async(
        params={"amount": 1234, "currency": "usd"},
        options={"idempotency_key": f"orphan-{secrets.token_hex(6)}"},
    )
    await sim_post(sim, f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})
    handle = await _start_review(temporal_client, worker, Gateway.STRIPE, pi.id, None)
    state = await _attention(handle)
    assert "matches no checkout we know" in (state.attention.reason or "")
    assert pi.id in (state.attention.reason or "")
    await _act(handle, OperatorActionKind.RESOLVE, "refunded by hand in the dashboard")
    result = await handle.result()
    assert result.verdict == "unknown" and result.refund_id is None


async def test_a_refund_that_cannot_be_opened_is_retried_by_an_operator(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps, currency="INR")
    made = await create(api, body(product, gateway="razorpay", flow="order", expires_in_s=3))
    data = made.json()
    await wait_status(deps, data["id"], "expired")
    paid = await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    payment_id = paid["razorpay_payment_id"]
    # A late payment booked as already fully refunded: nothing is left to refund.
    async with deps.sessions() as session, session.begin():
        order = await session.get(Order, data["order_id"])
        assert order is not None
        order.captured_minor += 10000
        session.add(
            Payment(
                id=new_id("pay"),
                order_id=order.id,
                checkout_id=data["id"],
                gateway="razorpay",
                gateway_payment_id=payment_id,
                gateway_object_id=data["gateway"]["object_id"],
                amount_minor=10000,
                currency="INR",
                status="late",
                refunded_minor=10000,
                psp_snapshot={},
            )
        )
    handle = await _start_review(temporal_client, worker, Gateway.RAZORPAY, payment_id, data["id"])
    state = await _attention(handle)
    assert "refund could not be opened" in (state.attention.reason or "")
    assert state.verdict == "late" and state.refund_id is None
    async with deps.sessions() as session, session.begin():  # the operator repairs the row
        row = await session.scalar(select(Payment).where(Payment.gateway_payment_id == payment_id))
        assert row is not None
        row.refunded_minor = 0
    assert (await _act(handle, OperatorActionKind.RETRY, "row repaired")).accepted
    result = await handle.result()
    assert result.verdict == "late" and result.refund_status == "succeeded"
    _, order = await rows(deps, data["id"])
    assert order.status == "refunded" and order.refunded_minor == 10000
    await record_history(temporal_client, handle.id, "payment-review-operator-retry")
