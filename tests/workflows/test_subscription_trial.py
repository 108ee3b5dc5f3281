"""A trial at the PSP tells its own free invoice from its paid conversion by the amount,
whichever read sees which first (SubscriptionWorkflow on the time-skipping server,
activities stubbed by name).

Stripe opens a trial with an invoice paid for 0. The saga takes that invoice's id as the
mark a conversion must move. Two races broke that: the read right after opening failed,
so the free invoice, seen later, looked like the conversion (and, short of the plan's
price, asked an operator); or the PSP converted the trial before that read, so the paid
conversion was taken for the free invoice and never counted.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from temporalio.client import Client

from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.workflows.subscription.messages.status import SubscriptionStatus
from sagas.workflows.subscription.workflow import SubscriptionWorkflow
from tests.replay.record import record_history
from tests.workflows.conftest import server_now
from tests.workflows.subscription_stubs import (
    SubscriptionStubs,
    psp_down,
    running,
    trial_snapshot,
    until,
    view,
)

pytestmark = pytest.mark.timeout(60)

PRICE_MINOR = 1000


def _poke(n: int) -> PspEvent:
    return PspEvent(
        gateway=Gateway.STRIPE,
        event_id=f"evt_stub_{n}",
        event_type="invoice.paid",
        kind=PspEventKind.INVOICE_PAID,
        object_id="in_stub",
    )


async def _fake(client: Client, *reads: object) -> SubscriptionStubs:
    trial_end = await server_now(client) + timedelta(days=14)
    snapshot = trial_snapshot(f"sub_{uuid.uuid4().hex[:8]}", trial_end, PRICE_MINOR)
    return SubscriptionStubs(snapshot, reads)  # type: ignore[arg-type]


async def test_the_free_invoice_seen_late_does_not_convert_the_trial(
    client: Client, queue: str
) -> None:
    free = view("in_trial", 0)
    fake = await _fake(client, psp_down(), free)
    async with running(client, queue, fake) as handle:
        await until(lambda: fake.calls.count("read_psp") >= 1, "the read after opening")
        await handle.signal(SubscriptionWorkflow.psp_event, _poke(1))
        await until(lambda: fake.calls.count("read_psp") >= 2, "the read the event asks for")
        state = await handle.query(SubscriptionWorkflow.state)
        await handle.terminate("test over")
    await record_history(client, handle.id, "subscription-trial-free-invoice-seen-late")
    assert state.stage == "trialing" and not state.attention.needed, state
    assert [t.status for t in fake.transitions] == []
    assert "cancel_at_psp" not in fake.calls


async def test_a_conversion_paid_before_the_first_read_starts_the_first_period(
    client: Client, queue: str
) -> None:
    converted = view("in_converted", PRICE_MINOR, status="active")
    fake = await _fake(client, converted)
    async with running(client, queue, fake) as handle:
        await until(
            lambda: any(t.status is SubscriptionStatus.ACTIVE for t in fake.transitions),
            "the first period recorded",
        )
        await handle.terminate("test over")
    first_run = handle.result_run_id  # it continued as new into the first period's run
    name = "subscription-trial-converted-before-first-read"
    await record_history(client, handle.id, name, run_id=first_run)
    first = next(t for t in fake.transitions if t.status is SubscriptionStatus.ACTIVE)
    assert first.period is not None and first.period.payment_ref == "in_converted"
    assert first.period.amount_minor == PRICE_MINOR
