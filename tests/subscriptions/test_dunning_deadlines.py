"""Dunning keeps its deadlines (CONTRACT 12, invariant 8): nothing grants more access
than the plan's grace, however late the failure is seen or however often the saga is
restarted. On the time-skipping server, whose clock makes the deadlines exact.

The simulator cannot see skipped time: a renewal failure is one exact control charge,
then the workflow's clock is skipped past the period's end, where it reads the PSP.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from temporalio.common import WorkflowIDReusePolicy

from sagas.workflows.subscription.messages.inputs import SubscriptionInput
from tests.replay.record import HISTORIES_DIR, record_history
from tests.subscriptions.conftest import DUNNING, Skipping
from tests.subscriptions.helpers import (
    card,
    customer,
    entitled_plans,
    pay_first,
    renew,
    row,
    wait_gateway_id,
    wait_status,
)
from tests.support.net import eventually

GRACE = timedelta(seconds=int(DUNNING.split(",")[0]))  # the first dunning check: 1 h


async def _active(skipping: Skipping, sim: Any, cus: str) -> tuple[str, str, str, datetime]:
    plan = await skipping.plan(price=900, interval="week")
    sub_id, _ = await skipping.start(customer_id=cus, plan_id=plan, gateway="stripe")
    gsid = await wait_gateway_id(skipping.deps.sessions, sub_id)
    await pay_first(sim, "stripe", gsid)
    active = await wait_status(skipping.deps.sessions, sub_id, "active")
    await card(sim, gsid, "decline")  # the saved card declines the dunning retries
    assert active.current_period_end is not None
    return sub_id, gsid, plan, active.current_period_end.replace(tzinfo=UTC)


async def _cancel(skipping: Skipping, workflow_id: str, sub_id: str) -> None:
    handle = skipping.client.get_workflow_handle(workflow_id)
    await handle.execute_update("cancel", {"at_period_end": False})
    await wait_status(skipping.deps.sessions, sub_id, "cancelled")


async def test_a_failure_seen_late_counts_from_when_the_renewal_was_due(
    skipping: Skipping, sim: Any
) -> None:
    """The PSP cannot be read for a while after the period's end: once it can, the grace
    ends one grace after the renewal was due, not one grace after it was seen."""
    sessions = skipping.deps.sessions
    cus = customer()
    sub_id, gsid, plan, period_end = await _active(skipping, sim, cus)
    await renew(sim, "stripe", gsid, "fail")
    faults = {"api_error_rate": 1.0, "api_error_paths": [f"/stripe/v1/subscriptions/{gsid}"]}
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        assert (await control.put("/faults", json=faults)).status_code == 200
        try:
            await skipping.skip_past(period_end, timedelta(minutes=40))
            assert (await row(sessions, sub_id)).status == "active"  # nothing seen yet
        finally:
            assert (await control.delete("/faults")).status_code == 200
    await skipping.skip(timedelta(minutes=5))  # the next poll reads the failure
    past_due = await wait_status(sessions, sub_id, "past_due")
    assert past_due.grace_until is not None
    assert past_due.grace_until.replace(tzinfo=UTC) == period_end + GRACE
    assert await entitled_plans(sessions, cus) == [plan]
    await skipping.skip(timedelta(minutes=20))  # one grace after the due date

    async def grace_over() -> bool:
        return (await row(sessions, sub_id)).grace_until is None

    await eventually(grace_over, timeout=30, interval=0.2, message="grace never ended")
    assert await entitled_plans(sessions, cus) == []
    workflow_id = (await row(sessions, sub_id)).workflow_id
    await _cancel(skipping, workflow_id, sub_id)
    await record_history(skipping.client, workflow_id, "subscription-late-failure-grace-from-due")


async def test_a_past_due_saga_started_again_keeps_the_rows_grace(
    skipping: Skipping, sim: Any
) -> None:
    """Its workflow gone, a past-due subscription is started again from its row (as the
    reconciliation sweep does): the grace deadline and the dunning checks stay the
    ones it had, and the grace ends on time."""
    sessions = skipping.deps.sessions
    cus = customer()
    sub_id, gsid, plan, period_end = await _active(skipping, sim, cus)
    await renew(sim, "stripe", gsid, "fail")
    await skipping.skip_past(period_end)
    past_due = await wait_status(sessions, sub_id, "past_due")
    assert past_due.grace_until is not None
    deadline = past_due.grace_until.replace(tzinfo=UTC)
    handle = skipping.client.get_workflow_handle(past_due.workflow_id)
    await handle.terminate(reason="test: the saga dies in dunning")
    await skipping.skip(timedelta(minutes=30))  # nobody looks after it meanwhile

    restarted = await skipping.client.start_workflow(
        "SubscriptionWorkflow",
        SubscriptionInput(subscription_id=sub_id, paid_marker=None),
        id=past_due.workflow_id,
        task_queue=skipping.task_queue,
        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
    )

    async def resumed() -> dict[str, Any] | None:
        state: dict[str, Any] = await restarted.query("state")
        return state if state["stage"] == "past_due" and state["next_dunning_at"] else None

    state = await eventually(resumed, timeout=30, interval=0.2, message="dunning not resumed")
    assert datetime.fromisoformat(state["next_dunning_at"]) == deadline
    again = await row(sessions, sub_id)
    assert again.grace_until is not None and again.grace_until.replace(tzinfo=UTC) == deadline
    assert await entitled_plans(sessions, cus) == [plan]
    await skipping.skip(timedelta(minutes=35))  # past the original deadline, not a new one

    async def grace_over() -> bool:
        return (await row(sessions, sub_id)).grace_until is None

    await eventually(grace_over, timeout=30, interval=0.2, message="grace never ended")
    assert await entitled_plans(sessions, cus) == []
    await _cancel(skipping, past_due.workflow_id, sub_id)
    if os.environ.get("SAGAS_RECORD_HISTORIES") == "1":
        history = await restarted.fetch_history()
        (HISTORIES_DIR / "subscription-restarted-past-due-keeps-grace.json").write_text(
            history.to_json()
        )
