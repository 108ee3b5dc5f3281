"""A PSP-side cancellation by webhook is honoured; operators see and steer the saga."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.client import Client, WorkflowUpdateFailedError

from sagas.db.models.subscriptions import Plan
from sagas.deps import Deps
from sagas.workflows.operator.actions import (
    OperatorAction,
    OperatorActionKind,
    OperatorActionResult,
)
from tests.subscriptions.conftest import Skipping
from tests.subscriptions.helpers import (
    create_plan,
    customer,
    entitled_plans,
    pay_first,
    renew,
    row,
    sim_call,
    subscribe,
    wait_gateway_id,
    wait_status,
)
from tests.support.net import eventually


@pytest.mark.usefixtures("worker")
@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_psp_side_cancellation_by_webhook(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client, gateway: str
) -> None:
    plan = await create_plan(api, price=30000, currency="INR", interval="month")
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway=gateway)
    assert r.status_code == 201, r.text
    sub = r.json()
    await pay_first(sim, gateway, sub["gateway_subscription_id"])
    await wait_status(deps.sessions, sub["id"], "active")
    handle = temporal_client.get_workflow_handle(sub["workflow_id"])
    with pytest.raises(WorkflowUpdateFailedError):  # nothing needs an operator: rejected
        await handle.execute_update(
            "operator_action", OperatorAction(action=OperatorActionKind.RETRY, reason="x")
        )
    await sim_call(sim, f"{gateway}/subscriptions/{sub['gateway_subscription_id']}/cancel")
    done = await wait_status(deps.sessions, sub["id"], "cancelled", within=40)
    assert done.status_reason and "cancelled at the PSP" in done.status_reason
    assert await entitled_plans(deps.sessions, cus) == []
    assert (await handle.query("state"))["events_seen"] >= 1


async def test_psp_refusal_at_a_trials_signup_expires_it(skipping: Skipping, sim: Any) -> None:
    """A trial opens its PSP subscription at once (to collect the card), so the PSP
    refusing it (here: a price id it does not know) is a sign-up refusal: ``expired``,
    nothing left at the PSP, no entitlement, as for a plan without trial."""
    sessions = skipping.deps.sessions
    plan_id = await skipping.plan(price=700, trial_days=3)
    async with sessions() as session, session.begin():
        plan = await session.get(Plan, plan_id)
        assert plan is not None
        plan.stripe_price_id = "price_does_not_exist"
    cus = customer()
    sub_id, handle = await skipping.start(customer_id=cus, plan_id=plan_id, gateway="stripe")
    done = await wait_status(sessions, sub_id, "expired")
    assert done.status_reason and done.status_reason.startswith("the PSP refused")
    assert done.gateway_subscription_id is None
    assert await entitled_plans(sessions, cus) == []
    assert await handle.result() == "expired"


async def test_renewal_on_another_plan_needs_an_operator(skipping: Skipping, sim: Any) -> None:
    """The settlement gate: a renewal paid on a PSP plan that is not ours is not believed;
    the saga asks an operator, whose ``resolve`` accepts it (``cancel`` would end it)."""
    sessions = skipping.deps.sessions
    plan_id = await skipping.plan(price=49900, currency="INR", interval="week")
    cus = customer()
    sub_id, handle = await skipping.start(customer_id=cus, plan_id=plan_id, gateway="razorpay")
    gsid = await wait_gateway_id(sessions, sub_id)
    await pay_first(sim, "razorpay", gsid)
    await wait_status(sessions, sub_id, "active")
    async with sessions() as session, session.begin():
        plan = await session.get(Plan, plan_id)
        assert plan is not None
        plan.razorpay_plan_id = "plan_someone_else"  # what the next run will expect
    for i in range(2):  # one renewal continues as new; the next run checks the plan
        await renew(sim, "razorpay", gsid)
        period_end = (await row(sessions, sub_id)).current_period_end
        assert period_end is not None
        await skipping.skip_past(period_end)
        if i == 0:
            await eventually(
                lambda: _period_is(sessions, sub_id, 1),
                timeout=30,
                interval=0.2,
                message="no renewal",
            )
    latest = skipping.client.get_workflow_handle(handle.id)

    async def attention() -> dict[str, Any] | None:
        state: dict[str, Any] = await latest.query("state")
        return state if state["attention"]["needed"] else None

    state = await eventually(attention, timeout=30, interval=0.2, message="no NeedsAttention")
    assert "plan_someone_else" in state["attention"]["reason"]
    assert (await row(sessions, sub_id)).period_index == 1  # not renewed on belief
    await latest.execute_update(
        "operator_action",
        OperatorAction(action=OperatorActionKind.RESOLVE, reason="plan migrated at the PSP"),
        result_type=OperatorActionResult,
    )
    await eventually(
        lambda: _period_is(sessions, sub_id, 2), timeout=30, interval=0.2, message="not renewed"
    )


async def _period_is(sessions: Any, sub_id: str, n: int) -> bool:
    return (await row(sessions, sub_id)).period_index == n
