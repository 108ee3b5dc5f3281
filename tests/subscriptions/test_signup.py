"""Signing up on the dev server: free, trial, paid on both gateways, idempotency, 503.

Time does not matter here: the flows are driven by the simulator's payer controls and
the workflow's PSP polling (``psp_poll_interval_s=2``).
"""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from temporalio.client import Client

from sagas.db.models.subscriptions import Plan, Subscription, TrialUsage
from sagas.deps import Deps
from sagas.settings import Settings
from tests.conftest import SERVICE
from tests.replay.record import record_history
from tests.subscriptions.helpers import (
    create_plan,
    customer,
    entitled_plans,
    pay_first,
    sim_object,
    subscribe,
    wait_status,
)
from tests.support.net import UvicornThread, eventually

pytestmark = pytest.mark.usefixtures("worker")


async def test_plan_validation(api: httpx.AsyncClient) -> None:
    plan = await create_plan(api, price=0, currency="usd", interval="week", interval_count=2)
    assert plan["free"] is True and plan["currency"] == "USD" and plan["interval_count"] == 2
    bad: list[dict[str, Any]] = [
        {"price": 10.5},
        {"interval": "fortnight"},
        {"interval": "month", "interval_count": 13},
        {"price": 0, "trial_days": 7},
        {"currency": "XXX"},
        {"trial_days": -1},
        {"extra": 1},
    ]
    base = {"name": "P", "price": 100, "currency": "USD", "interval": "month"}
    from tests.conftest import ADMIN

    for patch in bad:
        r = await api.post("/v1/plans", json=base | patch, headers=ADMIN)
        assert r.status_code == 422, (patch, r.text)
        assert r.json()["error"]["code"] == "validation_error"
    r = await api.post("/v1/plans", json=base, headers=SERVICE)
    assert r.status_code == 403


async def test_free_plan_is_active_at_once(
    api: httpx.AsyncClient, deps: Deps, temporal_client: Client
) -> None:
    plan = await create_plan(api, price=0, name="Free")
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway=None)
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["status"] == "active" and sub["gateway"] is None and sub["current_period_end"]
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    ent = await api.get(f"/v1/customers/{cus}/entitlements", headers=SERVICE)
    assert ent.status_code == 200 and [e["plan_id"] for e in ent.json()["entitlements"]] == [
        plan["id"]
    ]
    handle = temporal_client.get_workflow_handle(sub["workflow_id"])

    async def stage() -> str | None:
        state: dict[str, Any] = await handle.query("state")
        return state["stage"] if state["stage"] == "active" else None

    await eventually(stage, timeout=20, interval=0.2, message="workflow never active")
    desc = await handle.describe()
    assert desc.typed_search_attributes  # SagaKind etc. are set at start
    r = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
    assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text
    assert await entitled_plans(deps.sessions, cus) == []
    again = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
    assert again.status_code == 409


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_paid_plan_pending_until_first_payment(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client, gateway: str
) -> None:
    plan = await create_plan(
        api, price=49900, currency="INR" if gateway == "razorpay" else "USD", interval="month"
    )
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway=gateway)
    assert r.status_code == 201, r.text
    sub = r.json()
    gsid = sub["gateway_subscription_id"]
    assert sub["status"] == "pending_payment" and gsid
    if gateway == "stripe":
        assert sub["payer"]["client_secret"]
        psp = await sim_object(sim, "stripe", gsid)
        assert psp["metadata"]["subscription_id"] == sub["id"] and psp["status"] == "incomplete"
    else:
        assert sub["payer"]["short_url"] and sub["payer"]["key_id"]
        psp = await sim_object(sim, "razorpay", gsid)
        assert psp["notes"]["subscription_id"] == sub["id"]
    assert await entitled_plans(deps.sessions, cus) == []  # pending_payment grants nothing
    await pay_first(sim, gateway, gsid)
    done = await wait_status(deps.sessions, sub["id"], "active")
    assert done.current_period_end is not None and done.period_index == 0
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    # Cancel now: mirrored at the PSP, entitlements gone.
    r = await api.post(
        f"/v1/subscriptions/{sub['id']}/cancel", json={"reason": "bye"}, headers=SERVICE
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text
    psp = await sim_object(sim, gateway, gsid)
    assert psp["status"] in ("canceled", "cancelled")
    assert await entitled_plans(deps.sessions, cus) == []
    await temporal_client.get_workflow_handle(sub["workflow_id"]).result()
    await record_history(temporal_client, sub["workflow_id"], f"subscription-paid-cancel-{gateway}")


async def test_trial_once_per_customer(api: httpx.AsyncClient, deps: Deps, sim: Any) -> None:
    plan = await create_plan(api, price=900, trial_days=14)
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["status"] == "trialing" and first["trial_end"]
    # The trial lives at the PSP from the start: the payer saves a card, nothing is charged.
    assert first["gateway_subscription_id"] and first["payer"]["setup_client_secret"]
    psp = await sim_object(sim, "stripe", first["gateway_subscription_id"])
    assert psp["status"] == "trialing" and psp["latest_invoice"]
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe")
    second = r.json()
    assert r.status_code == 201 and second["status"] == "pending_payment", second
    assert second["trial_end"] is None and second["gateway_subscription_id"]
    async with deps.sessions() as session:
        usage = await session.get(TrialUsage, cus)
        assert usage is not None and usage.subscription_id == first["id"]
    r = await api.post(f"/v1/subscriptions/{first['id']}/cancel", json={}, headers=SERVICE)
    assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text
    r = await api.post(f"/v1/subscriptions/{second['id']}/cancel", json={}, headers=SERVICE)
    assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text
    assert (await sim_object(sim, "stripe", second["gateway_subscription_id"]))[
        "status"
    ] == "canceled"


async def test_double_submit_same_key(api: httpx.AsyncClient, deps: Deps) -> None:
    plan = await create_plan(api, price=1200)
    cus, key = customer(), f"dbl-{secrets.token_hex(6)}"
    a, b = await asyncio.gather(
        subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe", key=key),
        subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe", key=key),
    )
    assert {a.status_code, b.status_code} <= {200, 201} and 201 in {a.status_code, b.status_code}
    assert a.json()["id"] == b.json()["id"]
    assert a.json()["gateway_subscription_id"] == b.json()["gateway_subscription_id"]
    c = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe", key=key)
    assert c.status_code == 200 and c.json()["id"] == a.json()["id"]
    other = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="razorpay", key=key)
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_conflict"
    async with deps.sessions() as session:
        n = await session.scalar(select(func.count()).where(Subscription.customer_id == cus))
    assert n == 1
    missing = await api.post(
        "/v1/subscriptions", json={"customer_id": cus, "plan_id": plan["id"]}, headers=SERVICE
    )
    assert missing.status_code == 400
    await api.post(f"/v1/subscriptions/{a.json()['id']}/cancel", json={}, headers=SERVICE)


async def test_bad_requests_change_nothing(api: httpx.AsyncClient, deps: Deps) -> None:
    plan = await create_plan(api, price=1200, interval="day", interval_count=1)
    cus = customer()
    cases = [
        ({"plan_id": "plan_nope", "gateway": "stripe"}, 422),
        ({"plan_id": plan["id"]}, 422),  # paid plan, no gateway
        ({"plan_id": plan["id"], "gateway": "razorpay"}, 422),  # daily < 7 on Razorpay
        ({"plan_id": plan["id"], "gateway": "paypal"}, 422),
    ]
    for body, status in cases:
        r = await subscribe(
            api, customer_id=cus, plan_id=body["plan_id"], gateway=body.get("gateway")
        )
        assert r.status_code == status, (body, r.text)
    async with deps.sessions() as session:
        n = await session.scalar(select(func.count()).where(Subscription.customer_id == cus))
    assert n == 0
    assert (await api.get("/v1/subscriptions/sub_nope", headers=SERVICE)).status_code == 404
    r = await api.post("/v1/subscriptions/sub_nope/cancel", json={}, headers=SERVICE)
    assert r.status_code == 404


async def test_unconfigured_gateway_is_503(
    settings: Settings, deps: Deps, api: httpx.AsyncClient
) -> None:
    plan = await create_plan(api, price=50000, currency="INR")
    free = await create_plan(api, price=0)
    lean = settings.model_copy(update={"razorpay_key_id": None, "razorpay_key_secret": None})
    from api.app import create_app

    cus = customer()
    with UvicornThread(create_app(lean)) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            r = await subscribe(client, customer_id=cus, plan_id=plan["id"], gateway="razorpay")
            assert r.status_code == 503, r.text
            assert r.json()["error"]["code"] == "gateway_not_configured"
            ok = await subscribe(client, customer_id=cus, plan_id=free["id"], gateway="razorpay")
            assert ok.status_code == 201 and ok.json()["status"] == "active"  # free needs no PSP
    async with deps.sessions() as session:
        rows = (
            await session.scalars(select(Subscription).where(Subscription.customer_id == cus))
        ).all()
    assert [s.plan_id for s in rows] == [free["id"]]
    await api.post(f"/v1/subscriptions/{rows[0].id}/cancel", json={}, headers=SERVICE)


async def test_psp_refusal_is_502_and_leaves_nothing_pending(
    api: httpx.AsyncClient, deps: Deps
) -> None:
    plan = await create_plan(api, price=800)
    async with deps.sessions() as session, session.begin():
        row = await session.get(Plan, plan["id"])
        assert row is not None
        row.stripe_price_id = "price_unknown_to_the_psp"  # the PSP will say no
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe")
    assert r.status_code == 502, r.text
    assert r.json()["error"]["code"] == "gateway_error"
    sub_id = r.json()["error"]["details"]["subscription_id"]
    async with deps.sessions() as session:
        sub = await session.get(Subscription, sub_id)
        assert sub is not None
        assert sub.status == "expired" and sub.gateway_subscription_id is None
    assert await entitled_plans(deps.sessions, cus) == []
