"""CONTRACT 12: nothing stays entitled by accident. A live subscription whose workflow is
gone is restarted by the sweep from its row and the PSP's state: the restarted run reads
the PSP at once (a renewal made meanwhile is recorded, with no webhook), one the PSP
ended meanwhile ends here too, and a past-due one keeps the grace deadline it had, so
its entitlements last only while paid (invariant 8)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from sagas.db.base import utcnow
from sagas.db.models.subscriptions import Subscription
from sagas.deps import Deps
from sagas.workflows.reconciliation import ReconcileInput
from tests.reconciliation.helpers import NOW_INPUT, ids, sweep, webhooks_lost
from tests.replay.record import record_history
from tests.subscriptions.helpers import (
    create_plan,
    customer,
    entitled_plans,
    pay_first,
    period_count,
    renew,
    row,
    sim_call,
    subscribe,
    wait_status,
)
from tests.support.net import eventually

BUCKET = "stuck_subscriptions_restarted"
# Only rows untouched for half an hour: ours are backdated, other tests' fresh ones are not.
IDLE_INPUT: ReconcileInput = NOW_INPUT.model_copy(update={"subscription_idle_s": 1800})


async def _active(api: httpx.AsyncClient, deps: Deps, sim: Any) -> tuple[dict[str, Any], str]:
    plan = await create_plan(api, price=1500, currency="USD", interval="month")
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    sub: dict[str, Any] = r.json()
    await pay_first(sim, "stripe", sub["gateway_subscription_id"])
    await wait_status(deps.sessions, sub["id"], "active")
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    return sub, cus


async def _kill(deps: Deps, temporal_client: Client, sub: dict[str, Any], **row: Any) -> None:
    """Terminate the saga and age its row (``row``: columns to set as well)."""
    handle = temporal_client.get_workflow_handle(sub["workflow_id"])
    await handle.terminate(reason="test: the subscription saga dies mid-period")
    async with deps.sessions() as session, session.begin():
        await session.execute(
            update(Subscription)
            .where(Subscription.id == sub["id"])
            .values(updated_at=utcnow() - timedelta(hours=1), **row)
        )


async def _active_with_dead_workflow(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> tuple[dict[str, Any], str]:
    sub, cus = await _active(api, deps, sim)
    await _kill(deps, temporal_client, sub)
    return sub, cus


@asynccontextmanager
async def _answered_while_gone(sim: Any, *types: str) -> AsyncIterator[None]:
    """Until each of ``types`` sent in the block was delivered and answered: the webhooks
    reach us while the saga is gone, so no webhook (nor a sweep's redelivery) is left to
    tell the restarted run anything."""
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        before = (await control.get("/webhooks")).json()["count"]
        yield

        async def answered() -> bool:
            log = (await control.get("/webhooks")).json()["data"][before:]
            return set(types) <= {e["type"] for e in log if e["succeeded"]}

        await eventually(answered, timeout=15, interval=0.1, message=f"{types} not answered")


async def _state(temporal_client: Client, workflow_id: str) -> dict[str, Any]:
    state: dict[str, Any] = await temporal_client.get_workflow_handle(workflow_id).query("state")
    return state


async def _running(temporal_client: Client, workflow_id: str) -> bool:
    desc = await temporal_client.get_workflow_handle(workflow_id).describe()
    return desc.status == WorkflowExecutionStatus.RUNNING


async def test_active_subscription_with_terminated_workflow_is_restarted(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    sub, cus = await _active_with_dead_workflow(api, deps, sim, temporal_client)
    assert not await _running(temporal_client, sub["workflow_id"])
    before = await row(deps.sessions, sub["id"])

    sweep_id = f"reconcile-test-sub-{sub['id']}"
    report = await sweep(temporal_client, worker.task_queue, IDLE_INPUT, workflow_id=sweep_id)
    assert sub["id"] in ids(report, BUCKET), report
    item = next(i for i in report.stuck_subscriptions_restarted if i.object_id == sub["id"])
    assert item.action == "restarted" and "workflow ended" in item.detail
    assert report.examined["stuck_subscriptions"] >= 1
    assert report.counts[BUCKET] >= 1
    assert await _running(temporal_client, sub["workflow_id"])

    async def resumed() -> dict[str, Any] | None:
        handle = temporal_client.get_workflow_handle(sub["workflow_id"])
        state: dict[str, Any] = await handle.query("state")
        return state if state["stage"] == "active" else None

    state = await eventually(resumed, timeout=60, interval=0.2, message="not resumed")
    assert state["gateway_subscription_id"] == sub["gateway_subscription_id"]
    assert state["period_index"] == before.period_index
    after = await row(deps.sessions, sub["id"])
    assert after.status == "active"  # the paid period is not mistaken for a renewal
    assert after.current_period_end == before.current_period_end
    assert await period_count(deps.sessions, sub["id"]) == 1
    assert await entitled_plans(deps.sessions, cus) == [after.plan_id]
    await record_history(temporal_client, sweep_id, "reconciliation-stuck-subscription-restarted")

    again = await sweep(temporal_client, worker.task_queue, IDLE_INPUT)
    assert sub["id"] not in ids(again, BUCKET)
    assert not again.errors, again.errors


async def test_subscription_cancelled_at_the_psp_meanwhile_ends_on_restart(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    sub, cus = await _active_with_dead_workflow(api, deps, sim, temporal_client)
    gsid = sub["gateway_subscription_id"]
    async with webhooks_lost(sim, "customer.subscription.deleted"):
        await sim_call(sim, f"stripe/subscriptions/{gsid}/cancel")
    assert (await row(deps.sessions, sub["id"])).status == "active"  # nobody told us yet

    report = await sweep(temporal_client, worker.task_queue, IDLE_INPUT)
    assert sub["id"] in ids(report, BUCKET), report
    done = await wait_status(deps.sessions, sub["id"], "cancelled", within=30)
    assert done.status_reason and "cancelled at the PSP" in done.status_reason
    assert await entitled_plans(deps.sessions, cus) == []

    again = await sweep(temporal_client, worker.task_queue, IDLE_INPUT)
    assert sub["id"] not in ids(again, BUCKET)


async def test_a_renewal_made_while_the_workflow_was_gone_is_recorded_by_the_restart(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    """The restarted run reads the PSP at once: the renewal is recorded with no webhook,
    weeks before the period's end, when its own timer would next have looked."""
    sub, cus = await _active_with_dead_workflow(api, deps, sim, temporal_client)
    gsid = sub["gateway_subscription_id"]
    async with _answered_while_gone(sim, "invoice.paid", "customer.subscription.updated"):
        await renew(sim, "stripe", gsid)  # the PSP renewed; its news found no workflow
    before = await row(deps.sessions, sub["id"])
    assert before.period_index == 0 and before.current_period_end is not None

    report = await sweep(temporal_client, worker.task_queue, IDLE_INPUT)
    assert sub["id"] in ids(report, BUCKET), report
    assert not report.errors, report.errors

    async def renewed() -> bool:
        return (await row(deps.sessions, sub["id"])).period_index == 1

    await eventually(renewed, timeout=30, interval=0.2, message="the restart never read the PSP")
    after = await row(deps.sessions, sub["id"])
    assert after.status == "active" and after.current_period_start == before.current_period_end
    assert await period_count(deps.sessions, sub["id"]) == 2
    assert await entitled_plans(deps.sessions, cus) == [after.plan_id]


@pytest.mark.parametrize("grace", ["running", "over"])
async def test_a_past_due_subscription_restarted_keeps_its_grace_deadline(
    worker: Worker,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    temporal_client: Client,
    grace: str,
) -> None:
    """A restart never grants more access: the grace ends when it would have, and one
    already over stays over (no entitlement comes back)."""
    sub, cus = await _active(api, deps, sim)
    await renew(sim, "stripe", sub["gateway_subscription_id"], "fail")
    past_due = await wait_status(deps.sessions, sub["id"], "past_due")
    deadline = past_due.grace_until
    assert deadline is not None and deadline > utcnow()
    if grace == "over":  # as the first dunning check leaves it
        await _kill(
            deps,
            temporal_client,
            sub,
            grace_until=None,
            status_reason="renewal payment failed; grace period over",
        )
        assert await entitled_plans(deps.sessions, cus) == []
    else:
        await _kill(deps, temporal_client, sub)
        assert await entitled_plans(deps.sessions, cus) == [past_due.plan_id]

    report = await sweep(temporal_client, worker.task_queue, IDLE_INPUT)
    assert sub["id"] in ids(report, BUCKET), report

    async def dunning() -> dict[str, Any] | None:
        state = await _state(temporal_client, sub["workflow_id"])
        return state if state["stage"] == "past_due" and state["next_dunning_at"] else None

    state = await eventually(dunning, timeout=30, interval=0.2, message="dunning not resumed")
    after = await row(deps.sessions, sub["id"])
    assert after.status == "past_due"
    if grace == "over":
        assert after.grace_until is None
        assert after.status_reason == "renewal payment failed; grace period over"
        assert await entitled_plans(deps.sessions, cus) == []
    else:
        assert after.grace_until == deadline  # not a fresh day from the restart
        assert datetime.fromisoformat(state["next_dunning_at"]) == deadline  # the first check
        assert await entitled_plans(deps.sessions, cus) == [after.plan_id]
