"""Reconciliation at volume (CONTRACT 14), against a stack whose sagas do not poll.

The checkouts here are started through an API whose sagas poll the PSP once an hour, and
every webhook is dropped: only the sweep can tell them their payment came. So a checkout
fulfilled here was fulfilled by the sweep — by paging through everything in its window
(not the newest 100), signalling the running saga as its webhook would have, and reading
back Stripe's failed deliveries through the webhook pipeline.
"""

from __future__ import annotations

import asyncio
import secrets
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.models.checkouts import Checkout
from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent
from sagas.deps import Deps
from sagas.settings import Settings
from sagas.webhooks.pipeline import SWEEP_AGENT
from sagas.workflows.reconciliation import (
    ReconcileInput,
    ReconcileReport,
    ReconciliationWorkflow,
)
from tests.checkout.helpers import SERVICE, make_product
from tests.reconciliation.helpers import sweep
from tests.replay.record import record_history
from tests.support.net import UvicornThread, eventually

MANY = 300
CREATE_BUDGET_S = 150
FULFIL_BUDGET_S = 180
SWEEP_BUDGET_S = 420
WINDOW = ReconcileInput(
    older_than_s=0,
    checkout_grace_s=3600,
    refund_pending_s=3600,
    webhook_failed_older_than_s=3600,
    lookback_s=3600,
)
PAY = {
    "payment_intent": "/_sim/stripe/payment_intents/{}/pay",
    "payment_link": "/_sim/stripe/payment_links/{}/pay",
    "order": "/_sim/razorpay/orders/{}/pay",
}


@pytest.fixture(scope="module")
def deaf_api(settings: Settings, api_server: UvicornThread) -> Iterator[UvicornThread]:
    """The API with sagas that poll the PSP hourly: without a webhook they never notice."""
    from api.app import create_app

    with UvicornThread(create_app(settings.model_copy(update={"psp_poll_interval_s": 3600}))) as s:
        yield s


async def _faults(sim: Any, body: dict[str, Any] | None) -> None:
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        resp = await (control.put("/faults", json=body) if body else control.delete("/faults"))
        resp.raise_for_status()


async def _checkouts(
    api: httpx.AsyncClient, sim: httpx.AsyncClient, products: dict[str, str], flows: list[str]
) -> list[str]:
    """Create and pay one checkout per flow; answers their ids (created and paid)."""
    gate = asyncio.Semaphore(12)

    async def one(flow: str) -> str | None:
        gateway, currency = ("razorpay", "INR") if flow == "order" else ("stripe", "USD")
        body = {
            "customer_id": "cust_volume",
            "customer_email": "v@example.com",
            "items": [{"product_id": products[currency], "quantity": 1, "custom_data": {}}],
            "gateway": gateway,
            "flow": flow,
        }
        headers = {**SERVICE, "Idempotency-Key": f"vol-{secrets.token_hex(8)}"}
        async with gate:
            made = await api.post("/v1/checkouts", json=body, headers=headers)
            if made.status_code != 201:
                return None
            got = made.json()
            paid = await sim.post(
                PAY[flow].format(got["gateway"]["object_id"]), json={"outcome": "succeed"}
            )
            return str(got["id"]) if paid.status_code < 300 else None

    tasks = [asyncio.ensure_future(one(f)) for f in flows]
    done, pending = await asyncio.wait(tasks, timeout=CREATE_BUDGET_S)
    for task in pending:
        task.cancel()
    return [cid for t in done if (cid := t.result())]


async def _statuses(deps: Deps, ids: list[str]) -> dict[str, str]:
    async with deps.sessions() as session:
        rows = await session.execute(
            select(Checkout.id, Checkout.status).where(Checkout.id.in_(ids))
        )
    return {cid: status for cid, status in rows.all()}


async def _all_fulfilled(deps: Deps, ids: list[str], budget_s: float) -> dict[str, str]:
    async def probe() -> dict[str, str] | None:
        got = await _statuses(deps, ids)
        return got if set(got.values()) == {"fulfilled"} else None

    try:
        found: dict[str, str] = await eventually(probe, timeout=budget_s, interval=2.0)
    except AssertionError:
        return await _statuses(deps, ids)
    return found


async def _products(deps: Deps) -> dict[str, str]:
    return {
        "USD": await make_product(deps, price=1500, currency="USD"),
        "INR": await make_product(deps, price=49900, currency="INR"),
    }


def _items(report: ReconcileReport, bucket: str) -> list[str]:
    return [i.detail for i in getattr(report, bucket)]


@pytest.mark.volume
@pytest.mark.timeout(900)
async def test_many_paid_checkouts_whose_webhooks_were_all_lost_are_fulfilled_by_one_sweep(
    worker: Worker, deaf_api: UvicornThread, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    products = await _products(deps)
    flows = ["order" if i % 10 == 0 else "payment_intent" for i in range(MANY)]
    started = time.monotonic()
    await _faults(sim, {"webhook_drop_rate": 1.0})
    try:
        async with (
            httpx.AsyncClient(base_url=deaf_api.url, timeout=60) as api,
            httpx.AsyncClient(base_url=sim.base_url, timeout=60) as control,
        ):
            ids = await _checkouts(api, control, products, flows)
    finally:
        await _faults(sim, None)
    created_s = time.monotonic() - started
    print(f"{len(ids)} checkouts created and paid in {created_s:.0f} s", file=sys.stderr)
    assert len(ids) >= MANY * 2 // 3, f"only {len(ids)} checkouts paid in {created_s:.0f} s"
    await asyncio.sleep(2)
    assert set((await _statuses(deps, ids)).values()) == {"awaiting_payment"}  # nobody knew

    swept = time.monotonic()
    report: ReconcileReport = await temporal_client.execute_workflow(
        ReconciliationWorkflow.run,
        WINDOW,
        id=f"reconcile-volume-{secrets.token_hex(6)}",
        task_queue=worker.task_queue,
        execution_timeout=timedelta(seconds=SWEEP_BUDGET_S),
    )
    sweep_s = time.monotonic() - swept
    print(f"one sweep in {sweep_s:.0f} s: {report.counts}", file=sys.stderr)
    statuses = await _all_fulfilled(deps, ids, FULFIL_BUDGET_S)
    left = {cid: st for cid, st in statuses.items() if st != "fulfilled"}
    assert not left, f"{len(left)} of {len(ids)} not fulfilled: {list(left.items())[:5]}; {report}"
    examined = report.examined["stripe.payment_intent"] + report.examined["razorpay.razorpay_order"]
    assert examined >= len(ids) and report.examined["razorpay.razorpay_order"] >= 1
    signalled = set(" ".join(_items(report, "payments_signalled_to_running_sagas")).split())
    assert all(any(cid in word for word in signalled) for cid in ids[:20]), report.counts
    assert not report.errors, report.errors
    print(f"{len(ids)} checkouts paid in {created_s:.0f} s; one sweep in {sweep_s:.0f} s")


async def test_a_payment_link_paid_while_its_webhook_was_lost_is_repaired(
    worker: Worker, deaf_api: UvicornThread, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    products = await _products(deps)
    await _faults(sim, {"webhook_drop_rate": 1.0})
    try:
        async with (
            httpx.AsyncClient(base_url=deaf_api.url, timeout=60) as api,
            httpx.AsyncClient(base_url=sim.base_url, timeout=60) as control,
        ):
            ids = await _checkouts(api, control, products, ["payment_link"])
    finally:
        await _faults(sim, None)
    assert len(ids) == 1
    await asyncio.sleep(1)
    assert (await _statuses(deps, ids)) == {ids[0]: "awaiting_payment"}
    sweep_id = f"reconcile-link-{secrets.token_hex(6)}"
    report = await sweep(temporal_client, worker.task_queue, WINDOW, workflow_id=sweep_id)
    assert (await _all_fulfilled(deps, ids, 60)) == {ids[0]: "fulfilled"}, report
    await record_history(temporal_client, sweep_id, "reconciliation-paid-running-signalled")
    assert report.examined["stripe.payment_link"] >= 1
    assert any(ids[0] in d for d in _items(report, "payments_signalled_to_running_sagas"))


async def test_a_stripe_event_whose_delivery_failed_is_fetched_and_applied(
    worker: Worker, api_server: UvicornThread, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    """A payment no checkout of ours names (so no object scan covers it) whose webhook was
    lost: only Stripe's failed-delivery list tells of it, and the pipeline's own path for
    money no order holds (the payment review) must take it."""
    stripe = deps.gateways.require_stripe()
    pi = await stripe.v1.payment_intents.create_async(
        params={"amount": 2100, "currency": "usd", "metadata": {"order_id": "ord_elsewhere"}}
    )
    await _faults(sim, {"webhook_drop_rate": 1.0})
    try:
        async with httpx.AsyncClient(base_url=sim.base_url, timeout=60) as control:
            paid = await control.post(
                PAY["payment_intent"].format(pi.id), json={"outcome": "succeed"}
            )
            assert paid.status_code < 300
        await asyncio.sleep(1)
    finally:
        await _faults(sim, None)
    failed = await stripe.v1.events.list_async(
        params={"delivery_success": False, "type": "payment_intent.succeeded", "limit": 100}
    )
    found = [e for e in failed.data if e.data.object["id"] == pi.id]
    assert found, [(e.type, e.data.object["id"]) for e in failed.data][:10]
    event = found[0]

    report = await sweep(temporal_client, worker.task_queue, WINDOW)
    assert report.examined["stripe.failed_delivery_event"] >= 1
    applied = [i for i in report.failed_delivery_events_applied if i.object_id == event.id]
    assert len(applied) == 1 and applied[0].action == "applied", report
    async with deps.sessions() as session:
        row = await session.scalar(select(WebhookEvent).where(WebhookEvent.event_id == event.id))
        audited = list(
            await session.scalars(
                select(WebhookDelivery).where(WebhookDelivery.event_id == event.id)
            )
        )
    assert row is not None and row.status == "handed_over"
    assert row.workflow_id == f"payment-review-stripe-{pi.id}"
    assert [d.headers.get("user-agent") for d in audited] == [SWEEP_AGENT]
    assert audited[0].signature_valid is True and audited[0].result == "handed_over"
    again = await sweep(temporal_client, worker.task_queue, WINDOW)
    assert not [i for i in again.failed_delivery_events_applied if i.object_id == event.id]


async def test_two_sweeps_at_once_repair_each_thing_once(
    worker: Worker, deaf_api: UvicornThread, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    products = await _products(deps)
    await _faults(sim, {"webhook_drop_rate": 1.0})
    try:
        async with (
            httpx.AsyncClient(base_url=deaf_api.url, timeout=60) as api,
            httpx.AsyncClient(base_url=sim.base_url, timeout=60) as control,
        ):
            ids = await _checkouts(api, control, products, ["payment_intent", "order"] * 4)
    finally:
        await _faults(sim, None)
    assert len(ids) == 8
    first, second = await asyncio.gather(
        sweep(temporal_client, worker.task_queue, WINDOW),
        sweep(temporal_client, worker.task_queue, WINDOW),
    )
    buckets = (
        "payments_signalled_to_running_sagas",
        "failed_delivery_events_applied",
        "stuck_checkouts_restarted_or_signalled",
        "late_payments_handed_to_review",
    )
    for cid in ids:
        signals = [
            d
            for report in (first, second)
            for d in _items(report, "payments_signalled_to_running_sagas")
            if cid in d
        ]
        assert len(signals) == 1, (cid, signals)
    repaired = [
        (b, i.object_id) for report in (first, second) for b in buckets for i in getattr(report, b)
    ]
    assert len(repaired) == len(set(repaired)), repaired  # nothing repaired twice
    assert (await _all_fulfilled(deps, ids, 90)) == dict.fromkeys(ids, "fulfilled")
    third = await sweep(temporal_client, worker.task_queue, WINDOW)
    again = [(b, i.detail) for b in buckets for i in getattr(third, b)]
    assert not [x for x in again if any(cid in x[1] for cid in ids)], again
