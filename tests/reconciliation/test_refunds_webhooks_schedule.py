"""Pending refunds with no saga, webhook events whose hand-off failed, and the schedule."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from temporalio.client import Client, ScheduleActionStartWorkflow, ScheduleIntervalSpec
from temporalio.worker import Worker

from sagas.db.ids import new_id
from sagas.db.models.refunds import Refund
from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent
from sagas.deps import Deps
from sagas.registry import workflow_types as hosted_workflow_types
from sagas.services.refunds import open_refund
from sagas.settings import Settings
from sagas.temporal.search_attributes import NEEDS_ATTENTION
from sagas.workflows.reconciliation import ReconcileInput
from sagas.workflows.reconciliation.schedule import SCHEDULE_ID, ensure_reconciliation_schedule
from tests.checkout.helpers import body, create, make_product, sim_post, wait_status
from tests.reconciliation.helpers import forget, ids, now, sweep, webhooks_lost
from tests.replay.record import record_history
from tests.support.net import eventually


@pytest.mark.skipif(
    "RefundWorkflow" not in hosted_workflow_types(),
    reason="RefundWorkflow is not registered in sagas.registry yet",
)
async def test_pending_refund_without_workflow_is_started_and_completes(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    resp = await create(api, body(product))
    assert resp.status_code == 201, resp.text
    data = resp.json()
    await sim_post(
        sim, f"/stripe/payment_intents/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await wait_status(deps, data["id"], "fulfilled")
    async with deps.sessions() as session:
        opened = await open_refund(
            session,
            order_id=data["order_id"],
            idempotency_key=secrets.token_hex(8),
            amount_minor=1000,
            reason="customer asked",
            origin="api",
        )
        await session.commit()
    refund_id = opened.refund.id  # the API died here: the row exists, its saga never started

    report = await sweep(
        temporal_client,
        worker.task_queue,
        ReconcileInput(older_than_s=0, refund_pending_s=0, checkout_grace_s=60),
    )
    assert refund_id in ids(report, "pending_refunds_nudged"), report
    item = next(i for i in report.pending_refunds_nudged if i.object_id == refund_id)
    assert item.action == "started"

    async def settled() -> str | None:
        async with deps.sessions() as session:
            row = await session.get(Refund, refund_id)
            assert row is not None
            return row.status if row.status != "pending" else None

    assert await eventually(settled, timeout=40, interval=0.5) == "succeeded"
    again = await sweep(
        temporal_client,
        worker.task_queue,
        ReconcileInput(older_than_s=0, refund_pending_s=0, checkout_grace_s=60),
    )
    assert refund_id not in ids(again, "pending_refunds_nudged")


async def test_failed_webhook_event_is_redelivered_through_the_pipeline(
    worker: Worker, api_server: Any, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    stripe = deps.gateways.require_stripe()
    pi = await stripe.v1.payment_intents.create_async(
        params={
            "amount": 3100,
            "currency": "usd",
            "metadata": {"checkout_id": f"co_ghost_{secrets.token_hex(6)}"},
        }
    )
    async with webhooks_lost(sim, "payment_intent.succeeded"):
        # Its real deliveries are lost: the rows below stand for the one whose hand-off failed.
        await sim_post(sim, f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})
    events = await stripe.v1.events.list_async(
        params={"types": ["payment_intent.succeeded"], "limit": 100}
    )
    event = next(e for e in events.data if e.data.object["id"] == pi.id).to_dict()
    # The delivery was recorded and verified, but handing it over failed (Temporal was down)
    # and the PSP gave up retrying: the event row is still pending.
    delivery_id, stale = new_id("whd"), now() - timedelta(hours=2)
    async with deps.sessions() as session, session.begin():
        session.add(
            WebhookDelivery(
                id=delivery_id,
                gateway="stripe",
                received_at=stale,
                request_id=f"req_{delivery_id}",
                headers={},
                payload=json.dumps(event),
                payload_bytes=len(json.dumps(event)),
                signature_valid=True,
                event_id=event["id"],
                event_type=event["type"],
                result="failed",
                http_status=503,
                detail="temporal unavailable",
            )
        )
        await session.flush()
        session.add(
            WebhookEvent(
                gateway="stripe",
                event_id=event["id"],
                event_type=event["type"],
                status="pending",
                attempts=5,
                first_delivery_id=delivery_id,
                detail="temporal unavailable",
                created_at=stale,
                updated_at=stale,
            )
        )

    report = await sweep(temporal_client, worker.task_queue)
    redelivered = [i for i in report.failed_webhook_events_redelivered if event["id"] in i.detail]
    assert len(redelivered) == 1, report
    assert (
        "handed_over" in redelivered[0].detail and "payment-review-stripe-" in redelivered[0].detail
    )
    async with deps.sessions() as session:
        row = await session.scalar(select(WebhookEvent).where(WebhookEvent.event_id == event["id"]))
        assert row is not None and row.status == "handed_over"
        replays = list(
            await session.scalars(
                select(WebhookDelivery).where(WebhookDelivery.replay_of == delivery_id)
            )
        )
    assert len(replays) == 1  # audited as a replay of the original delivery
    again = await sweep(temporal_client, worker.task_queue)
    assert not [i for i in again.failed_webhook_events_redelivered if event["id"] in i.detail]


async def test_schedule_is_created_once_and_follows_the_settings(
    worker: Worker, settings: Settings, temporal_client: Client
) -> None:
    handle = temporal_client.get_schedule_handle(SCHEDULE_ID)
    try:
        await ensure_reconciliation_schedule(temporal_client, settings)
        await ensure_reconciliation_schedule(temporal_client, settings)  # a second worker start
        desc = await handle.describe()
        spec = desc.schedule.spec.intervals[0]
        assert isinstance(spec, ScheduleIntervalSpec)
        assert spec.every == timedelta(seconds=settings.reconcile_interval_s)
        action = desc.schedule.action
        assert isinstance(action, ScheduleActionStartWorkflow)
        assert action.workflow == "ReconciliationWorkflow"
        faster = settings.model_copy(update={"reconcile_interval_s": 120})
        await ensure_reconciliation_schedule(temporal_client, faster)
        desc = await handle.describe()
        assert desc.schedule.spec.intervals[0].every == timedelta(seconds=120)
        listed = [s.id async for s in await temporal_client.list_schedules()]
        assert listed.count(SCHEDULE_ID) <= 1
    finally:
        await handle.delete()


async def test_a_repair_that_fails_is_reported_and_the_sweep_goes_on(
    worker: Worker, deps: Deps, temporal_client: Client
) -> None:
    stale = now() - timedelta(hours=2)
    broken = WebhookEvent(
        gateway="stripe",
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment_intent.succeeded",
        status="pending",
        attempts=2,
        first_delivery_id="whd_missing",
        created_at=stale,
        updated_at=stale,
    )
    async with deps.sessions() as session, session.begin():
        session.add(broken)
    stripe = deps.gateways.require_stripe()
    orphan = await stripe.v1.payment_intents.create_async(
        params={
            "amount": 700,
            "currency": "usd",
            "metadata": {"checkout_id": f"co_ghost_{secrets.token_hex(6)}"},
        }
    )
    try:
        sweep_id = f"reconcile-test-error-{secrets.token_hex(4)}"
        report = await sweep(temporal_client, worker.task_queue, workflow_id=sweep_id)
    finally:
        await forget(deps, broken)
    errors = [e for e in report.errors if e.object_id == str(broken.id)]
    assert len(errors) == 1 and "whd_missing" in errors[0].detail, report.errors
    assert report.counts["errors"] >= 1
    assert str(orphan.id) in ids(report, "orphan_gateway_objects_cancelled")  # it went on
    desc = await temporal_client.get_workflow_handle(sweep_id).describe()
    assert desc.typed_search_attributes.get(NEEDS_ATTENTION) is True
    await record_history(temporal_client, sweep_id, "reconciliation-repair-error-reported")
