"""Subscriptions over months on the time-skipping server: trials ending, renewals with
continue-as-new, dunning to recovery and to cancellation, cancel at period end.

The simulator is driven first (a renewal charged, or failed, at the PSP), then the
workflow's clock is skipped past the period's end, where it asks the PSP what happened.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from temporalio.client import WorkflowExecutionStatus

from sagas.workflows.subscription.messages.cancel import CancelRequest, CancelResult
from tests.events.helpers import stored_types
from tests.replay.record import HISTORIES_DIR, record_history
from tests.subscriptions.conftest import PAYMENT_DEADLINE_S, Skipping
from tests.subscriptions.helpers import (
    card,
    customer,
    entitled_plans,
    pay_first,
    period_count,
    renew,
    row,
    sim_object,
    wait_gateway_id,
    wait_status,
)
from tests.support.net import eventually

MONTH = timedelta(days=31)


async def _active(
    skipping: Skipping, sim: Any, gateway: str, plan_id: str, cus: str
) -> tuple[str, str, Any]:
    sub_id, handle = await skipping.start(customer_id=cus, plan_id=plan_id, gateway=gateway)
    gsid = await wait_gateway_id(skipping.deps.sessions, sub_id)
    await pay_first(sim, gateway, gsid)
    await wait_status(skipping.deps.sessions, sub_id, "active")
    return sub_id, gsid, handle


async def test_trial_ends_into_a_paid_first_charge(skipping: Skipping, sim: Any) -> None:
    """The trial opens the PSP subscription at once (the payer saves a card on its
    SetupIntent); the PSP converts it at the trial's end (here one exact control charge,
    the simulator's clock not being the skipped one) and the first period starts there."""
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=2500, trial_days=14)
    cus = customer()
    sub_id, handle = await skipping.start(customer_id=cus, plan_id=plan, gateway="stripe")
    gsid = await wait_gateway_id(sessions, sub_id)
    trial = await row(sessions, sub_id)
    assert trial.status == "trialing" and trial.payer_details.get("setup_client_secret")
    await skipping.skip(timedelta(days=13))
    assert (await row(sessions, sub_id)).status == "trialing"
    assert await entitled_plans(sessions, cus) == [plan]
    assert (await sim_object(sim, "stripe", gsid))["status"] == "trialing"
    await renew(sim, "stripe", gsid)
    await skipping.skip(timedelta(days=1, minutes=1))
    active = await wait_status(sessions, sub_id, "active")
    assert active.period_index == 0 and active.current_period_start == trial.trial_end
    assert await entitled_plans(sessions, cus) == [plan]
    state = await skipping.client.get_workflow_handle(handle.id).query("state")
    assert state["stage"] == "active"


async def test_trial_ends_into_a_failed_first_charge(skipping: Skipping, sim: Any) -> None:
    """The payer never authenticated during the trial: Razorpay charges nothing at its
    end, so the subscription goes through dunning and is cancelled, here and there."""
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=49900, currency="INR", trial_days=7)
    cus = customer()
    sub_id, handle = await skipping.start(customer_id=cus, plan_id=plan, gateway="razorpay")
    gsid = await wait_gateway_id(sessions, sub_id)
    await pay_first(sim, "razorpay", gsid, "fail")
    assert (await sim_object(sim, "razorpay", gsid))["status"] == "created"
    await skipping.skip(timedelta(days=7, hours=1))
    await skipping.skip(timedelta(seconds=PAYMENT_DEADLINE_S + 60))
    await wait_status(sessions, sub_id, "past_due")
    await skipping.skip(timedelta(hours=4))
    done = await wait_status(sessions, sub_id, "cancelled")
    assert done.status_reason == "renewal unpaid after dunning"
    assert (await sim_object(sim, "razorpay", gsid))["status"] == "cancelled"  # compensated
    assert await entitled_plans(sessions, cus) == []
    assert await skipping.client.get_workflow_handle(handle.id).result() == "cancelled"


async def test_three_renewals_continue_as_new(skipping: Skipping, sim: Any) -> None:
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=1999)
    cus = customer()
    sub_id, gsid, handle = await _active(skipping, sim, "stripe", plan, cus)
    first_run = (await handle.describe()).run_id
    for n in (1, 2, 3):
        await renew(sim, "stripe", gsid)
        await skipping.skip(MONTH)

        async def renewed(n: int = n) -> bool:
            return (await row(sessions, sub_id)).period_index == n

        await eventually(renewed, timeout=30, interval=0.2, message=f"renewal {n} not recorded")
        assert await entitled_plans(sessions, cus) == [plan]
    assert await period_count(sessions, sub_id) == 4
    old = skipping.client.get_workflow_handle(handle.id, run_id=first_run)
    assert (await old.describe()).status == WorkflowExecutionStatus.CONTINUED_AS_NEW
    latest = skipping.client.get_workflow_handle(handle.id)
    state = await latest.query("state")
    assert state["period_index"] == 3 and state["stage"] == "active"
    assert (
        await stored_types(sessions, sub_id)
        == ["subscription.active"] + ["subscription.renewed"] * 3
    )
    if os.environ.get("SAGAS_RECORD_HISTORIES") == "1":  # the first run, up to its CAN
        history = await old.fetch_history()
        (HISTORIES_DIR / "subscription-renewal-continue-as-new.json").write_text(history.to_json())


async def test_dunning_then_recovery(skipping: Skipping, sim: Any) -> None:
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=49900, currency="INR", interval="week")
    cus = customer()
    sub_id, gsid, _ = await _active(skipping, sim, "razorpay", plan, cus)
    await renew(sim, "razorpay", gsid, "fail")
    await skipping.skip(timedelta(days=7, minutes=1))
    past_due = await wait_status(sessions, sub_id, "past_due")
    assert past_due.grace_until is not None
    assert await entitled_plans(sessions, cus) == [plan]  # within the grace
    await skipping.skip(timedelta(hours=1, minutes=5))

    async def grace_over() -> bool:
        return (await row(sessions, sub_id)).grace_until is None

    await eventually(grace_over, timeout=30, interval=0.2, message="grace never ended")
    assert (await row(sessions, sub_id)).status == "past_due"
    assert await entitled_plans(sessions, cus) == []  # past_due after its grace grants nothing
    await renew(sim, "razorpay", gsid, "succeed")  # the PSP's retry went through
    await skipping.skip(timedelta(hours=1))  # the second dunning check sees it
    back = await wait_status(sessions, sub_id, "active")
    assert back.period_index == 1 and back.grace_until is None
    assert await entitled_plans(sessions, cus) == [plan]
    assert await stored_types(sessions, sub_id) == [
        "subscription.active",
        "subscription.past_due",
        "subscription.active",  # a recovery is announced as active again
    ]


async def test_dunning_then_cancellation(skipping: Skipping, sim: Any) -> None:
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=1000)
    cus = customer()
    sub_id, gsid, handle = await _active(skipping, sim, "stripe", plan, cus)
    await renew(sim, "stripe", gsid, "fail")
    await card(sim, gsid, "decline")  # the saved card declines the dunning retries too
    period_end = (await row(sessions, sub_id)).current_period_end
    assert period_end is not None
    await skipping.skip_past(period_end)
    await wait_status(sessions, sub_id, "past_due")
    await skipping.skip(timedelta(hours=4))
    done = await wait_status(sessions, sub_id, "cancelled")
    assert done.status_reason == "renewal unpaid after dunning"
    assert (await sim_object(sim, "stripe", gsid))["status"] == "canceled"
    assert await entitled_plans(sessions, cus) == []
    latest = skipping.client.get_workflow_handle(handle.id)
    assert await latest.result() == "cancelled"
    assert await stored_types(sessions, sub_id) == [
        "subscription.active",
        "subscription.past_due",
        "subscription.cancelled",
    ]
    await record_history(skipping.client, handle.id, "subscription-dunning-cancelled")


async def test_cancel_at_period_end(skipping: Skipping, sim: Any) -> None:
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=49900, currency="INR", interval="month")
    cus = customer()
    sub_id, gsid, handle = await _active(skipping, sim, "razorpay", plan, cus)
    result = await handle.execute_update(
        "cancel", CancelRequest(at_period_end=True), result_type=CancelResult
    )
    assert result.status == "active" and result.cancel_at_period_end
    psp = await sim_object(sim, "razorpay", gsid)
    assert psp["status"] == "active" and psp["has_scheduled_changes"] is True
    assert await entitled_plans(sessions, cus) == [plan]  # paid through the period
    period_end = (await row(sessions, sub_id)).current_period_end
    assert period_end is not None
    await skipping.skip(timedelta(days=15))
    assert (await row(sessions, sub_id)).status == "active"
    await skipping.skip_past(period_end)
    done = await wait_status(sessions, sub_id, "cancelled")
    assert done.cancel_at_period_end
    assert await entitled_plans(sessions, cus) == []
    assert (await sim_object(sim, "razorpay", gsid))["status"] == "cancelled"


async def test_cancel_at_period_end_on_stripe(skipping: Skipping, sim: Any) -> None:
    """Mirrored at Stripe as ``cancel_at_period_end``; Stripe ends it when the period does
    (the renew control call), and the saga ends ours at the same moment, billing nothing."""
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=1500)
    cus = customer()
    sub_id, gsid, handle = await _active(skipping, sim, "stripe", plan, cus)
    result = await handle.execute_update(
        "cancel", CancelRequest(at_period_end=True), result_type=CancelResult
    )
    assert result.status == "active" and result.cancel_at_period_end
    psp = await sim_object(sim, "stripe", gsid)
    assert psp["status"] == "active" and psp["cancel_at_period_end"] is True
    assert psp["cancel_at"] == psp["items"]["data"][0]["current_period_end"]
    assert await entitled_plans(sessions, cus) == [plan]  # paid through the period
    period_end = (await row(sessions, sub_id)).current_period_end
    assert period_end is not None
    ended = await renew(sim, "stripe", gsid)  # the period ends at Stripe: no renewal bill
    assert ended["invoice"] is None and ended["subscription"]["status"] == "canceled"
    await skipping.skip_past(period_end)
    done = await wait_status(sessions, sub_id, "cancelled")
    assert done.cancel_at_period_end and done.period_index == 0
    assert done.status_reason == "cancelled at the end of the period"
    assert await entitled_plans(sessions, cus) == []
    psp = await sim_object(sim, "stripe", gsid)
    assert psp["cancellation_details"]["reason"] == "cancellation_requested"
    assert await handle.result() == "cancelled"


async def test_stripe_dunning_charges_again_at_each_check(skipping: Skipping, sim: Any) -> None:
    """Each dunning check pays the open invoice again through ``POST /v1/invoices/{id}/pay``
    under ``<subscription>-<invoice>-dunning-<n>``: the first is declined (the saved card
    declines), the payer then fixes the card, and the second check's charge recovers."""
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=2000)
    cus = customer()
    sub_id, gsid, handle = await _active(skipping, sim, "stripe", plan, cus)
    invoice_id = (await renew(sim, "stripe", gsid, "fail"))["invoice"]["id"]
    await card(sim, gsid, "decline")  # the saved card declines the first retry
    period_end = (await row(sessions, sub_id)).current_period_end
    assert period_end is not None
    await skipping.skip_past(period_end)
    await wait_status(sessions, sub_id, "past_due")

    async def attempts(n: int) -> bool:
        return int((await sim_object(sim, "stripe", invoice_id))["attempt_count"]) >= n

    await skipping.skip(timedelta(hours=1, minutes=5))  # first check: charged, declined
    await eventually(lambda: attempts(2), timeout=30, interval=0.2, message="no retry")

    async def grace_over() -> bool:
        return (await row(sessions, sub_id)).grace_until is None

    await eventually(grace_over, timeout=30, interval=0.2, message="grace never ended")
    assert (await row(sessions, sub_id)).status == "past_due"
    await card(sim, gsid, "succeed")
    await skipping.skip(timedelta(hours=1))  # second check: charged again, paid
    back = await wait_status(sessions, sub_id, "active")
    assert back.period_index == 1 and back.grace_until is None
    invoice = await sim_object(sim, "stripe", invoice_id)
    assert invoice["status"] == "paid" and invoice["attempt_count"] == 3
    stripe_client = skipping.deps.gateways.require_stripe()
    paid_events = await stripe_client.v1.events.list_async(
        params={"type": "invoice.paid", "limit": 100}
    )
    keys = [
        e.request.idempotency_key for e in paid_events.data if e.data.object["id"] == invoice_id
    ]
    assert keys == [f"{sub_id}-{invoice_id}-dunning-2"]
    first = skipping.client.get_workflow_handle(handle.id, run_id=handle.first_execution_run_id)
    if os.environ.get("SAGAS_RECORD_HISTORIES") == "1":  # the run that dunned, to its CAN
        history = await first.fetch_history()
        (HISTORIES_DIR / "subscription-stripe-dunning-retry-recovered.json").write_text(
            history.to_json()
        )
