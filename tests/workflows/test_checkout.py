"""CheckoutWorkflow branches on the time-skipping server, activities stubbed by name."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest
from temporalio.client import Client, WorkflowHandle
from temporalio.worker import Worker

from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.domain.settlement import PaymentStatus, Rejection
from sagas.workflows.checkout import CheckoutResult, CheckoutState, CheckoutWorkflow, Stage
from sagas.workflows.operator.actions import OperatorAction, OperatorActionKind
from tests import factories
from tests.replay.record import record_history
from tests.support.temporal import register_search_attributes, start_time_skipping
from tests.workflows.checkout_stubs import CheckoutStubs
from tests.workflows.conftest import server_now
from tests.workflows.review_stub import ReviewStub

#: An activity a stub lacks retries forever: fail in a minute instead.
pytestmark = pytest.mark.timeout(60)

Handle = WorkflowHandle[CheckoutWorkflow, CheckoutResult]


async def _run(client: Client, queue: str, fake: CheckoutStubs, **inp: Any) -> CheckoutResult:
    async with _worker(client, queue, fake):
        return await (await _start(client, queue, **inp)).result()


async def _start(client: Client, queue: str, **inp: Any) -> Handle:
    now = await server_now(client)
    clock = {"created_at": now, "expires_at": now + timedelta(minutes=30)}
    return await client.start_workflow(
        CheckoutWorkflow.run,
        factories.checkout_input(**(clock | inp)),
        id=f"checkout-{uuid.uuid4().hex[:8]}",
        task_queue=queue,
    )


def _worker(client: Client, queue: str, fake: CheckoutStubs) -> Worker:
    return Worker(
        client,
        task_queue=queue,
        workflows=[CheckoutWorkflow, ReviewStub],
        activities=fake.activities(),
    )


async def test_a_settled_payment_is_settled_then_handed_over(client: Client, queue: str) -> None:
    fake = CheckoutStubs([], [factories.payment()])
    result = await _run(client, queue, fake)
    assert result.stage == Stage.FULFILLED and result.payment_id == "pi_test"
    assert fake.calls.count("settle") == 1 and "compensate" not in fake.calls
    assert fake.calls.index("settle") < fake.calls.index("hand_off")


async def test_unpaid_at_the_deadline_is_compensated_then_closed(
    client: Client, queue: str
) -> None:
    fake = CheckoutStubs([factories.payment(PaymentStatus.PENDING)])
    result = await _run(client, queue, fake)
    assert result.stage == Stage.EXPIRED
    assert fake.calls.index("compensate") < fake.calls.index("close")
    assert fake.closed is not None and fake.closed.status == "expired"
    assert "settle" not in fake.calls


async def test_a_payment_signalled_while_the_checkout_closes_goes_to_review(queue: str) -> None:
    """An expired Razorpay order can still be paid: its webhook lands after the last read,
    while the saga is closing (so the pipeline signals it, not the review). The saga must
    read once more and hand the money to review instead of ending deaf to it."""
    late = factories.payment(payment_id="pi_late")
    pending = [factories.payment(PaymentStatus.PENDING)]
    fake = CheckoutStubs(pending, pending, [late])  # the third read is after the close
    # A test server of its own: after this run the shared one stops skipping time (seen on
    # the Java test server; the checkout and its review both end, yet later tests hang).
    env = await start_time_skipping()
    client = env.client
    await register_search_attributes(client)
    async with env, _worker(client, queue, fake):
        handle = await _start(client, queue, expires_at=await server_now(client))

        async def webhook() -> None:
            await handle.signal(CheckoutWorkflow.psp_event, _succeeded("pi_late"))

        fake.on_close = webhook
        result = await handle.result()
        review = client.get_workflow_handle("payment-review-stripe-pi_late")
        await review.result()
        assert (await review.describe()).workflow_type == "PaymentReviewWorkflow"
        await record_history(client, handle.id, "checkout-late-event-after-close-reviewed")
    assert result.stage == Stage.EXPIRED
    assert fake.calls[fake.calls.index("close") + 1 :] == ["read_payments"]


async def test_an_amount_that_is_short_is_never_accepted(client: Client, queue: str) -> None:
    fake = CheckoutStubs([factories.payment(amount_minor=100)])
    async with _worker(client, queue, fake):
        handle = await _start(client, queue)
        result = await handle.result()
        state = await handle.query(CheckoutWorkflow.state)
    assert result.stage == Stage.EXPIRED
    assert [r.reason for r in state.rejections] == [Rejection.SHORT_AMOUNT]
    assert "settle" not in fake.calls and "compensate" in fake.calls
    assert result.reason == "expired unpaid"


async def test_a_hand_off_that_keeps_failing_needs_an_operator(client: Client, queue: str) -> None:
    fake = CheckoutStubs([factories.payment()], handoff_failures=1)
    async with _worker(client, queue, fake):
        handle = await _start(client, queue)
        await handle.signal(CheckoutWorkflow.psp_event, _succeeded())  # no time skips here
        state = await _attention(handle)
        assert state.stage == Stage.FULFILLING and "merchant" in (state.attention.reason or "")
        retry = OperatorAction(action=OperatorActionKind.RETRY, reason="database back")
        assert (await handle.execute_update(CheckoutWorkflow.operator_action, retry)).accepted
        result = await handle.result()
    assert result.stage == Stage.FULFILLED
    assert fake.calls.count("hand_off") == 2 and fake.calls.count("settle") == 1


def _succeeded(payment_id: str = "pi_test") -> PspEvent:
    return PspEvent(
        gateway=Gateway.STRIPE,
        event_id=f"evt_{payment_id}",
        event_type="payment_intent.succeeded",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=payment_id,
        payment_id=payment_id,
        checkout_id="co_test",
    )


async def _attention(handle: Handle) -> CheckoutState:
    for _ in range(200):
        state = await handle.query(CheckoutWorkflow.state)
        if state.attention.needed:
            return state
        await asyncio.sleep(0.05)
    raise AssertionError("the checkout never asked for an operator")
