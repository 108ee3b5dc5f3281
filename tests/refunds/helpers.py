"""Refund test helpers: a paid order seeded from a real PSP payment at the simulator
(independent of the checkout saga), the API calls, and bounded waits on our records."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.deps import Deps
from tests.conftest import SERVICE
from tests.support.net import eventually

CURRENCY = {"stripe": "USD", "razorpay": "INR"}


@dataclass(frozen=True)
class Seeded:
    order_id: str
    payment_id: str  # ours
    psp_payment_id: str  # pi_ / pay_
    amount: int
    currency: str
    gateway: str


async def psp_payment(deps: Deps, sim: Any, gateway: str, amount: int, checkout_id: str) -> str:
    """A settled payment at the simulator, made through the real SDKs."""
    if gateway == "stripe":
        client = deps.gateways.require_stripe()
        pi = await client.v1.payment_intents.create_async(
            params={
                "amount": amount,
                "currency": "usd",
                "payment_method": "pm_card_visa",
                "payment_method_types": ["card"],
                "metadata": {"checkout_id": checkout_id},
            },
            options={"idempotency_key": f"seed-{checkout_id}"},
        )
        pi = await client.v1.payment_intents.confirm_async(pi.id)
        assert pi.status == "succeeded", pi.status
        return str(pi.id)
    rzp = deps.gateways.require_razorpay()
    order = rzp.order.create({"amount": amount, "currency": "INR", "receipt": checkout_id[-30:]})
    async with httpx.AsyncClient(timeout=10) as http:
        paid = await http.post(
            f"{sim.base_url}/_sim/razorpay/orders/{order['id']}/pay",
            json={"outcome": "succeed", "capture": "auto"},
        )
    paid.raise_for_status()
    return str(paid.json()["razorpay_payment_id"])


async def seed_order(
    deps: Deps,
    sim: Any,
    gateway: str = "stripe",
    *,
    amount: int = 5000,
    status: str = "paid",
    paid_at: datetime | None = None,
    payment_status: str = "captured",
) -> Seeded:
    """An order as the checkout saga leaves it once paid (or, with ``status="expired"``
    and ``payment_status="late"``, a late payment booked on a closed checkout)."""
    checkout_id = new_id("co")
    psp_id = await psp_payment(deps, sim, gateway, amount, checkout_id)
    currency = CURRENCY[gateway]
    order_id, payment_id = new_id("ord"), new_id("pay")
    async with deps.sessions() as session, session.begin():
        session.add(
            Order(
                id=order_id,
                checkout_id=checkout_id,
                customer_id="cust_refunds",
                customer_email="buyer@example.com",
                status=status,
                gateway=gateway,
                currency=currency,
                subtotal_minor=amount + 500,
                discount_minor=500,
                total_minor=amount,
                captured_minor=amount,
                refunded_minor=0,
                paid_at=paid_at or (utcnow() if status != "expired" else None),
            )
        )
        await session.flush()
        session.add(
            Payment(
                id=payment_id,
                order_id=order_id,
                checkout_id=checkout_id,
                gateway=gateway,
                gateway_payment_id=psp_id,
                gateway_object_id=psp_id,
                amount_minor=amount,
                currency=currency,
                status=payment_status,
                refunded_minor=0,
            )
        )
        session.add(
            LedgerEntry(
                id=new_id("led"),
                order_id=order_id,
                kind="capture",
                reference=psp_id,
                amount_minor=amount,
                currency=currency,
                gateway=gateway,
            )
        )
    return Seeded(order_id, payment_id, psp_id, amount, currency, gateway)


def days_ago(days: float) -> datetime:
    return utcnow() - timedelta(days=days)


async def post_refund(
    api: httpx.AsyncClient,
    order_id: str,
    body: dict[str, Any] | None = None,
    key: str | None = None,
) -> httpx.Response:
    headers = {**SERVICE, "Idempotency-Key": key or f"rk-{secrets.token_hex(6)}"}
    return await api.post(f"/v1/orders/{order_id}/refunds", json=body or {}, headers=headers)


async def refund_row(deps: Deps, refund_id: str) -> Refund:
    async with deps.sessions() as session:
        row = await session.get(Refund, refund_id)
        assert row is not None
        return row


async def order_row(deps: Deps, order_id: str) -> Order:
    async with deps.sessions() as session:
        row = await session.get(Order, order_id)
        assert row is not None
        return row


async def refund_rows(deps: Deps, order_id: str) -> list[Refund]:
    async with deps.sessions() as session:
        return list(await session.scalars(select(Refund).where(Refund.order_id == order_id)))


async def ledger(deps: Deps, order_id: str) -> list[LedgerEntry]:
    async with deps.sessions() as session:
        return list(
            await session.scalars(select(LedgerEntry).where(LedgerEntry.order_id == order_id))
        )


async def wait_final(deps: Deps, refund_id: str, timeout: float = 40.0) -> Refund:
    async def probe() -> Refund | None:
        row = await refund_row(deps, refund_id)
        return row if row.status != "pending" else None

    final: Refund = await eventually(probe, timeout=timeout, interval=0.3, message="refund final")
    return final


async def psp_refunds(deps: Deps, sim: Any, s: Seeded) -> list[dict[str, Any]]:
    """What the PSP itself holds for the payment (to prove one request, one refund)."""
    if s.gateway == "stripe":
        listed = await deps.gateways.require_stripe().v1.refunds.list_async(
            params={"payment_intent": s.psp_payment_id}
        )
        return [r.to_dict() for r in listed.data]
    got = deps.gateways.require_razorpay().payment.fetch_multiple_refund(s.psp_payment_id)
    return list(got.get("items", []))


async def sim_control(sim: Any, method: str, path: str, body: Any = None) -> Any:
    async with httpx.AsyncClient(timeout=10) as http:
        r = await http.request(method, f"{sim.base_url}/_sim{path}", json=body)
    r.raise_for_status()
    return r.json()
