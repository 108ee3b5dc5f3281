"""Stubs of the subscription saga's activities, registered under their real names.

A test says what the PSP answers (``reads``: an exception to raise, or a view; the last
one repeated) and reads back what the saga recorded (``transitions``) and asked the PSP
(``calls``), without a PSP or a database.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from temporalio import activity
from temporalio.client import Client, WorkflowHandle
from temporalio.exceptions import ApplicationError
from temporalio.worker import Worker

from sagas.domain.subscriptions import PspView, RetryPaymentResult
from sagas.workflows.subscription.messages.inputs import SubscriptionInput, SubscriptionRef
from sagas.workflows.subscription.messages.psp import (
    CancelAtPspInput,
    CancelAtPspResult,
    PayerDetails,
    ReadInput,
    RetryPaymentInput,
)
from sagas.workflows.subscription.messages.snapshot import Snapshot
from sagas.workflows.subscription.messages.status import SubscriptionStatus
from sagas.workflows.subscription.messages.transitions import Transition
from sagas.workflows.subscription.workflow import SubscriptionWorkflow

GATEWAY_SUBSCRIPTION = "sub_stub"
PRICE = "price_stub"


def trial_snapshot(subscription_id: str, trial_end: datetime, price_minor: int) -> Snapshot:
    return pending_snapshot(subscription_id, price_minor).model_copy(
        update={"status": SubscriptionStatus.TRIALING, "trial_end": trial_end}
    )


def pending_snapshot(
    subscription_id: str, price_minor: int, payment_deadline_s: int = 86_400
) -> Snapshot:
    return Snapshot(
        subscription_id=subscription_id,
        customer_id="cust_stub",
        plan_id="plan_stub",
        gateway="stripe",
        status=SubscriptionStatus.PENDING_PAYMENT,
        price_minor=price_minor,
        currency="USD",
        interval="month",
        interval_count=1,
        gateway_subscription_id=None,
        current_period_start=None,
        current_period_end=None,
        trial_end=None,
        cancel_at_period_end=False,
        poll_interval_s=3600,
        payment_deadline_s=payment_deadline_s,
        dunning_schedule_s=[86_400],
    )


def view(marker: str | None, amount: int | None, status: str = "trialing") -> PspView:
    return PspView(
        gateway_subscription_id=GATEWAY_SUBSCRIPTION,
        psp_status=status,
        paid_marker=marker,
        paid_amount_minor=amount,
        paid_currency="USD" if marker else None,
        plan_ref=PRICE,
    )


class SubscriptionStubs:
    def __init__(
        self, snapshot: Snapshot, reads: Sequence[PspView | Exception], closes: bool = True
    ) -> None:
        self.snapshot, self.reads, self.closes = snapshot, list(reads), closes
        self.calls: list[str] = []
        self.transitions: list[Transition] = []

    def activities(self) -> Sequence[Callable[..., Any]]:
        @activity.defn(name="subscription.load")
        async def load(ref: SubscriptionRef) -> Snapshot:
            self.calls.append("load")
            return self.snapshot

        @activity.defn(name="subscription.record")
        async def record(change: Transition) -> None:
            self.calls.append("record")
            self.transitions.append(change)

        @activity.defn(name="subscription.open_at_psp")
        async def open_at_psp(ref: SubscriptionRef) -> PayerDetails:
            self.calls.append("open_at_psp")
            return PayerDetails(gateway_subscription_id=GATEWAY_SUBSCRIPTION, plan_ref=PRICE)

        @activity.defn(name="subscription.read_psp")
        async def read_psp(req: ReadInput) -> PspView:
            self.calls.append("read_psp")
            answer = self.reads.pop(0) if len(self.reads) > 1 else self.reads[0]
            if isinstance(answer, Exception):
                raise answer
            return answer

        @activity.defn(name="subscription.retry_payment")
        async def retry_payment(req: RetryPaymentInput) -> RetryPaymentResult:
            self.calls.append("retry_payment")
            return RetryPaymentResult(attempted=False, detail="stub")

        @activity.defn(name="subscription.cancel_at_psp")
        async def cancel_at_psp(req: CancelAtPspInput) -> CancelAtPspResult:
            self.calls.append("cancel_at_psp")
            return CancelAtPspResult(psp_status="canceled")

        @activity.defn(name="subscription.close_first_payment")
        async def close_first_payment(req: CancelAtPspInput) -> bool:
            self.calls.append("close_first_payment")
            return self.closes

        return [
            load,
            record,
            open_at_psp,
            read_psp,
            retry_payment,
            cancel_at_psp,
            close_first_payment,
        ]


def psp_down() -> ApplicationError:
    """A read whose retries ran out (non-retryable here, so the test does not wait)."""
    return ApplicationError("the PSP did not answer", non_retryable=True)


async def until(check: Callable[[], bool], what: str) -> None:
    """Wait (up to 20 s) for what the stubs record."""
    for _ in range(400):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never: {what}")


@asynccontextmanager
async def running(
    client: Client, queue: str, fake: SubscriptionStubs
) -> AsyncIterator[WorkflowHandle[SubscriptionWorkflow, SubscriptionStatus]]:
    """A worker hosting the saga on the stubs, and the saga started for their snapshot."""
    async with Worker(
        client, task_queue=queue, workflows=[SubscriptionWorkflow], activities=fake.activities()
    ):
        yield await client.start_workflow(
            SubscriptionWorkflow.run,
            SubscriptionInput(subscription_id=fake.snapshot.subscription_id),
            id=f"subscription-{fake.snapshot.subscription_id}",
            task_queue=queue,
        )
