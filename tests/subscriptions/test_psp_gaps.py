"""The gaps the first version left: a Razorpay subscription created just before a crash
is adopted, not doubled; Stripe's cancel at period end over the API; the API's waits on
the workflow are bounded (202 / 504) instead of hanging on a busy or absent worker.
"""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.testing import ActivityEnvironment

from sagas.activities.subscriptions import SubscriptionActivities
from sagas.db.base import utcnow
from sagas.db.models.subscriptions import Plan, Subscription
from sagas.deps import Deps
from sagas.domain.money import Money
from sagas.domain.subscriptions import PlanTerms, SubscriptionRequest
from sagas.gateways.razorpay.subscriptions import RazorpaySubscriptions
from sagas.services.plans import create_plan as create_plan_row
from sagas.services.subscriptions.opening import open_subscription
from sagas.settings import Settings
from sagas.workflows.subscription.messages.inputs import SubscriptionRef
from tests.conftest import SERVICE
from tests.subscriptions.helpers import (
    create_plan,
    customer,
    entitled_plans,
    pay_first,
    sim_object,
    subscribe,
    wait_status,
)
from tests.support.net import UvicornThread


async def _ours_at_razorpay(deps: Deps, plan_ref: str, subscription_id: str) -> list[str]:
    client = deps.gateways.require_razorpay()
    listed = client.subscription.all({"plan_id": plan_ref, "count": 100})
    return [
        s["id"]
        for s in listed["items"]
        if isinstance(s["notes"], dict) and s["notes"].get("subscription_id") == subscription_id
    ]


async def test_razorpay_subscription_made_before_a_crash_is_adopted(deps: Deps) -> None:
    """No workflow here: the activity itself, as a retry after a crash would run it."""
    async with deps.sessions() as session, session.begin():
        plan = await create_plan_row(
            session,
            name=f"adopt-{secrets.token_hex(2)}",
            price=Money(29900, "INR"),
            interval="month",
            interval_count=1,
            trial_days=0,
        )
        opened = await open_subscription(
            session,
            deps.settings,
            idempotency_key=f"adopt-{secrets.token_hex(6)}",
            customer_id=customer(),
            plan_id=plan.id,
            gateway="razorpay",
            now=utcnow(),
        )
    sub_id = opened.subscription.id
    client = deps.gateways.require_razorpay()
    terms = PlanTerms(
        plan_id=plan.id,
        name=plan.name,
        amount_minor=29900,
        currency="INR",
        interval="month",
        interval_count=1,
    )
    rzp = RazorpaySubscriptions(deps.gateways)
    plan_ref = await rzp.ensure_plan(terms)
    async with deps.sessions() as session, session.begin():
        row = await session.get(Plan, plan.id)
        assert row is not None
        row.razorpay_plan_id = plan_ref
    # The first attempt: Razorpay made it, then the worker died before storing the id.
    req = SubscriptionRequest(
        subscription_id=sub_id,
        customer_id=opened.subscription.customer_id,
        plan_ref=plan_ref,
        plan=terms,
    )
    lost, _ = await rzp.create_subscription(req)
    acts = SubscriptionActivities(deps.sessions, deps.gateways, deps.settings)
    env = ActivityEnvironment()
    payer = await env.run(acts.open_at_psp, SubscriptionRef(subscription_id=sub_id))
    assert payer.gateway_subscription_id == lost and payer.plan_ref == plan_ref
    assert payer.details["short_url"]
    assert await _ours_at_razorpay(deps, plan_ref, sub_id) == [lost]
    # Our stored id lost too (e.g. restored from an old backup): still the same one.
    async with deps.sessions() as session, session.begin():
        stored = await session.get(Subscription, sub_id)
        assert stored is not None and stored.gateway_subscription_id == lost
        stored.gateway_subscription_id = None
    again = await env.run(acts.open_at_psp, SubscriptionRef(subscription_id=sub_id))
    assert again.gateway_subscription_id == lost
    assert await _ours_at_razorpay(deps, plan_ref, sub_id) == [lost]
    # One that has ended at Razorpay is not adopted: a live one is made in its place.
    client.subscription.cancel(lost)
    async with deps.sessions() as session, session.begin():
        stored = await session.get(Subscription, sub_id)
        assert stored is not None
        stored.gateway_subscription_id = None
    fresh = await env.run(acts.open_at_psp, SubscriptionRef(subscription_id=sub_id))
    assert fresh.gateway_subscription_id != lost
    assert sorted(await _ours_at_razorpay(deps, plan_ref, sub_id)) == sorted(
        [lost, fresh.gateway_subscription_id]
    )
    client.subscription.cancel(fresh.gateway_subscription_id)


@pytest.mark.usefixtures("worker")
async def test_stripe_cancel_at_period_end_over_the_api(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    plan = await create_plan(api, price=2400, interval="month")
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    sub = r.json()
    await pay_first(sim, "stripe", sub["gateway_subscription_id"])
    await wait_status(deps.sessions, sub["id"], "active")
    cancel = f"/v1/subscriptions/{sub['id']}/cancel"
    r = await api.post(cancel, json={"at_period_end": True}, headers=SERVICE)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active" and r.json()["cancel_at_period_end"] is True
    psp = await sim_object(sim, "stripe", sub["gateway_subscription_id"])
    assert psp["cancel_at_period_end"] is True and psp["status"] == "active"
    again = await api.post(cancel, json={"at_period_end": True}, headers=SERVICE)
    assert again.status_code == 200 and again.json()["cancel_at_period_end"] is True
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    r = await api.post(cancel, json={}, headers=SERVICE)  # changed their mind: now
    assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text
    assert (await sim_object(sim, "stripe", sub["gateway_subscription_id"]))["status"] == (
        "canceled"
    )


async def test_api_waits_are_bounded(
    settings: Settings, deps: Deps, temporal_client: Client, api: httpx.AsyncClient
) -> None:
    """No worker polls this app's task queue: creating answers 202 with the subscription
    (its workflow started), cancelling answers 504, each after the configured wait."""
    plan = await create_plan(api, price=900, interval="month")
    idle = settings.model_copy(
        update={
            "temporal_task_queue": f"nobody-{secrets.token_hex(4)}",
            "subscription_api_wait_s": 1.0,
        }
    )
    from api.app import create_app

    key = f"slow-{secrets.token_hex(4)}"
    with UvicornThread(create_app(idle)) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            r = await subscribe(
                client, customer_id=customer(), plan_id=plan["id"], gateway="stripe", key=key
            )
            assert r.status_code == 202, r.text
            sub = r.json()
            assert sub["status"] == "pending_payment" and sub["gateway_subscription_id"] is None
            assert r.headers["location"] == f"/v1/subscriptions/{sub['id']}"
            handle = temporal_client.get_workflow_handle(sub["workflow_id"])
            desc = await handle.describe()
            assert desc.status == WorkflowExecutionStatus.RUNNING
            assert desc.task_queue == idle.temporal_task_queue
            same = await subscribe(
                client,
                customer_id=sub["customer_id"],
                plan_id=plan["id"],
                gateway="stripe",
                key=key,
            )
            assert same.status_code == 202 and same.json()["id"] == sub["id"]
            r = await client.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
            assert r.status_code == 504, r.text
            error = r.json()["error"]
            assert error["code"] == "saga_timeout"
            assert error["details"] == {"subscription_id": sub["id"], "status": "pending_payment"}
    await handle.terminate(reason="test cleanup: no worker serves this queue")
    async with deps.sessions() as session:
        row = await session.get(Subscription, sub["id"])
        assert row is not None and row.status == "pending_payment"
