"""Reconciliation test helpers: seed rows directly, run a sweep, read the simulator."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from temporalio.client import Client

from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.deps import Deps
from sagas.workflows.reconciliation import ReconcileInput, ReconcileReport, ReconciliationWorkflow
from tests.support.net import eventually

# Thresholds that sweep what a test just made, yet leave other tests' live flows alone.
NOW_INPUT = ReconcileInput(
    older_than_s=0, checkout_grace_s=60, refund_pending_s=3600, webhook_failed_older_than_s=3600
)
ACTION_BUCKETS = (
    "orphan_gateway_objects_cancelled",
    "late_payments_handed_to_review",
    "stuck_checkouts_restarted_or_signalled",
    "pending_refunds_nudged",
    "failed_webhook_events_redelivered",
)


async def sweep(
    client: Client,
    task_queue: str,
    inp: ReconcileInput = NOW_INPUT,
    *,
    workflow_id: str | None = None,
) -> ReconcileReport:
    report: ReconcileReport = await client.execute_workflow(
        ReconciliationWorkflow.run,
        inp,
        id=workflow_id or f"reconcile-test-{secrets.token_hex(6)}",
        task_queue=task_queue,
        execution_timeout=timedelta(minutes=3),
    )
    return report


def ids(report: ReconcileReport, bucket: str) -> list[str]:
    return [item.object_id for item in getattr(report, bucket)]


def now() -> datetime:
    return datetime.now(UTC)


async def seed_checkout(
    deps: Deps,
    *,
    status: str = "awaiting_payment",
    order_status: str = "pending",
    created_ago_s: int = 3600,
    expires_in_s: int = -600,
    gateway_object_id: str | None = None,
    flow: str = "payment_intent",
    workflow_id: str | None = None,
) -> Checkout:
    """A checkout and its order, written as the checkout service would have (no workflow)."""
    cid, oid = new_id("co"), new_id("ord")
    created = now() - timedelta(seconds=created_ago_s)
    co = Checkout(
        id=cid,
        idempotency_key=secrets.token_hex(8),
        request_fingerprint="x" * 64,
        order_id=oid,
        customer_id="cust_recon",
        customer_email="r@example.com",
        gateway="stripe",
        flow=flow,
        status=status,
        currency="USD",
        subtotal_minor=5000,
        discount_minor=0,
        total_minor=5000,
        client_token_hash="y" * 64,
        expires_at=now() + timedelta(seconds=expires_in_s),
        gateway_object_kind=flow if gateway_object_id else None,
        gateway_object_id=gateway_object_id,
        workflow_id=workflow_id or f"checkout-{cid}",
        created_at=created,
    )
    order = Order(
        id=oid,
        checkout_id=cid,
        customer_id="cust_recon",
        customer_email="r@example.com",
        status=order_status,
        gateway="stripe",
        currency="USD",
        subtotal_minor=5000,
        discount_minor=0,
        total_minor=5000,
        created_at=created,
    )
    async with deps.sessions() as session, session.begin():
        session.add_all([co, order])
    return co


async def seed_refund(deps: Deps, *, created_ago_s: int, status: str = "pending") -> Refund:
    """A paid order with a captured payment and a refund row on it (no workflow)."""
    co = await seed_checkout(
        deps,
        status="fulfilled",
        order_status="fulfilled",
        gateway_object_id=f"pi_seed_{secrets.token_hex(6)}",
    )
    pay = Payment(
        id=new_id("pay"),
        order_id=co.order_id,
        checkout_id=co.id,
        gateway="stripe",
        gateway_payment_id=co.gateway_object_id or "",
        gateway_object_id=co.gateway_object_id or "",
        amount_minor=5000,
        currency="USD",
        status="captured",
    )
    rid = new_id("rf")
    refund = Refund(
        id=rid,
        order_id=co.order_id,
        payment_id=pay.id,
        idempotency_key=secrets.token_hex(8),
        request_fingerprint="z" * 64,
        origin="api",
        gateway="stripe",
        amount_minor=1000,
        currency="USD",
        status=status,
        order_status_before="fulfilled",
        workflow_id=f"refund-{rid}",
        created_at=now() - timedelta(seconds=created_ago_s),
    )
    async with deps.sessions() as session, session.begin():
        order = await session.get(Order, co.order_id)
        assert order is not None
        order.captured_minor = 5000
        session.add(pay)
        await session.flush()
        session.add(refund)
    return refund


def finding_ids(result: Any) -> list[str]:
    return [f.object_id for f in result.findings]


@asynccontextmanager
async def webhooks_lost(sim: Any, *types: str) -> AsyncIterator[None]:
    """Drop the simulator's webhooks while the block runs, and until a dropped delivery of
    each of ``types`` is in its log (deliveries leave a queue after the block returns)."""
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        before = (await control.get("/webhooks")).json()["count"]
        (await control.put("/faults", json={"webhook_drop_rate": 1.0})).raise_for_status()
        try:
            yield

            async def all_dropped() -> bool:
                log = (await control.get("/webhooks")).json()["data"][before:]
                return set(types) <= {e["type"] for e in log if e["dropped"]}

            await eventually(all_dropped, timeout=15, interval=0.1, message=f"{types} not dropped")
        finally:
            (await control.delete("/faults")).raise_for_status()


async def forget(deps: Deps, *rows: Any) -> None:
    """Delete seeded rows (and what hangs off them) so later sweeps do not see them."""
    from sqlalchemy import delete

    async with deps.sessions() as session, session.begin():
        for row in rows:
            if isinstance(row, Refund):
                await session.execute(delete(Refund).where(Refund.id == row.id))
                order_id = row.order_id
                await session.execute(delete(Payment).where(Payment.order_id == order_id))
                await session.execute(delete(Order).where(Order.id == order_id))
                await session.execute(delete(Checkout).where(Checkout.order_id == order_id))
            elif isinstance(row, Checkout):
                await session.execute(delete(Payment).where(Payment.checkout_id == row.id))
                await session.execute(delete(Order).where(Order.id == row.order_id))
                await session.execute(delete(Checkout).where(Checkout.id == row.id))
            else:
                await session.execute(delete(type(row)).where(type(row).id == row.id))
