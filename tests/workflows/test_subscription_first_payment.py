"""At the first payment's deadline the saga closes that payment at the PSP before it
cancels (Stripe: the open first invoice is voided, so the payer cannot pay after the
cancel); a payment made between the saga's last read and that close wins and is honoured
(SubscriptionWorkflow on the time-skipping server, activities stubbed by name)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from sagas.workflows.subscription.messages.status import SubscriptionStatus
from tests.replay.record import record_history
from tests.workflows.subscription_stubs import (
    SubscriptionStubs,
    pending_snapshot,
    running,
    until,
    view,
)

pytestmark = pytest.mark.timeout(60)

PRICE_MINOR = 1000
DEADLINE_S = 600
UNPAID = view(None, None, status="incomplete")
PAID = view("in_first", PRICE_MINOR, status="active")


def _fake(*reads: object, closes: bool) -> SubscriptionStubs:
    snapshot = pending_snapshot(f"sub_{uuid.uuid4().hex[:8]}", PRICE_MINOR, DEADLINE_S)
    return SubscriptionStubs(snapshot, reads, closes=closes)  # type: ignore[arg-type]


async def test_unpaid_at_the_deadline_is_closed_then_cancelled(client: Client, queue: str) -> None:
    fake = _fake(UNPAID, closes=True)
    async with running(client, queue, fake) as handle:
        status = await handle.result()
    assert status is SubscriptionStatus.EXPIRED
    assert fake.calls.index("close_first_payment") < fake.calls.index("cancel_at_psp")
    await record_history(client, handle.id, "subscription-first-payment-closed-expired")


async def test_a_payment_that_won_the_race_with_the_close_is_honoured(
    client: Client, queue: str, skipping_env: WorkflowEnvironment
) -> None:
    # The loop's read and the last word before the close: unpaid; the close finds the
    # invoice paid (the payer paid in between); the read after it: paid.
    fake = _fake(UNPAID, UNPAID, PAID, closes=False)
    async with running(client, queue, fake) as handle:
        await until(lambda: "read_psp" in fake.calls, "the first read")
        await skipping_env.sleep(timedelta(seconds=DEADLINE_S + 5))
        await until(
            lambda: any(t.status is SubscriptionStatus.ACTIVE for t in fake.transitions),
            "the first period recorded",
        )
        await handle.terminate("test over")
    await record_history(client, handle.id, "subscription-first-payment-won-the-close")
    assert "close_first_payment" in fake.calls and "cancel_at_psp" not in fake.calls
    first = next(t for t in fake.transitions if t.status is SubscriptionStatus.ACTIVE)
    assert first.period is not None and first.period.payment_ref == "in_first"
