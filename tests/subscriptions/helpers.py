"""Subscription test helpers: plans and subscriptions through the API or the service,
the simulator's payer controls, and bounded waits on our rows."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.models.subscriptions import Subscription, SubscriptionPeriod
from sagas.services.entitlements import entitlements
from tests.conftest import ADMIN, SERVICE
from tests.support.net import eventually

Sessions = async_sessionmaker[AsyncSession]


def customer() -> str:
    return f"cus-{secrets.token_hex(5)}"


async def create_plan(api: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = {"name": "Pro", "price": 1500, "currency": "USD", "interval": "month"} | fields
    r = await api.post("/v1/plans", json=body, headers=ADMIN)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def subscribe(
    api: httpx.AsyncClient,
    *,
    customer_id: str,
    plan_id: str,
    gateway: str | None,
    key: str | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"customer_id": customer_id, "plan_id": plan_id}
    if gateway:
        body["gateway"] = gateway
    headers = SERVICE | {"Idempotency-Key": key or f"sub-{secrets.token_hex(6)}"}
    return await api.post("/v1/subscriptions", json=body, headers=headers)


async def row(sessions: Sessions, subscription_id: str) -> Subscription:
    async with sessions() as session:
        sub = await session.get(Subscription, subscription_id)
        assert sub is not None
        return sub


async def wait_status(
    sessions: Sessions, subscription_id: str, status: str, *, within: float = 30.0
) -> Subscription:
    async def probe() -> Subscription | None:
        sub = await row(sessions, subscription_id)
        return sub if sub.status == status else None

    found: Subscription = await eventually(
        probe, timeout=within, interval=0.2, message=f"{subscription_id} never became {status}"
    )
    return found


async def wait_gateway_id(sessions: Sessions, subscription_id: str, *, within: float = 30.0) -> str:
    async def probe() -> str | None:
        return (await row(sessions, subscription_id)).gateway_subscription_id

    found: str = await eventually(probe, timeout=within, interval=0.2, message="no PSP object")
    return found


async def period_count(sessions: Sessions, subscription_id: str) -> int:
    async with sessions() as session:
        n = await session.scalar(
            select(func.count()).where(SubscriptionPeriod.subscription_id == subscription_id)
        )
        return int(n or 0)


async def entitled_plans(sessions: Sessions, customer_id: str) -> list[str]:
    from sagas.db.base import utcnow

    async with sessions() as session:
        return [e.plan_id for e in await entitlements(session, customer_id, utcnow())]


async def sim_call(sim: Any, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=15) as client:
        r = await client.post(f"{sim.base_url}/_sim/{path}", json=body or {})
        assert r.status_code < 300, f"{path}: {r.status_code} {r.text}"
        data: dict[str, Any] = r.json()
        return data


async def sim_object(sim: Any, gateway: str, object_id: str) -> dict[str, Any]:
    """The simulator's own copy of a PSP object (its state, not what we recorded)."""
    async with httpx.AsyncClient(timeout=15) as client:
        r = await client.get(f"{sim.base_url}/_sim/{gateway}/objects/{object_id}")
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data


async def pay_first(sim: Any, gateway: str, gsid: str, outcome: str = "succeed") -> None:
    if gateway == "stripe":
        await sim_call(sim, f"stripe/subscriptions/{gsid}/pay_first_invoice", {"outcome": outcome})
    else:
        await sim_call(
            sim, f"razorpay/subscriptions/{gsid}/authenticate_and_charge", {"outcome": outcome}
        )


async def renew(sim: Any, gateway: str, gsid: str, outcome: str = "succeed") -> dict[str, Any]:
    return await sim_call(sim, f"{gateway}/subscriptions/{gsid}/renew", {"outcome": outcome})


async def card(sim: Any, gsid: str, outcome: str) -> None:
    """How the Stripe subscription's customer's saved card behaves from now on."""
    customer_id = (await sim_object(sim, "stripe", gsid))["customer"]
    async with httpx.AsyncClient(timeout=15) as client:
        url = f"{sim.base_url}/_sim/stripe/customers/{customer_id}/default_payment_method"
        r = await client.put(url, json={"outcome": outcome})
        assert r.status_code == 200, r.text
