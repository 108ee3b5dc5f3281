"""The retention sweep: batched deletes past the cutoff, run by a Temporal Schedule."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from temporalio.client import Client, ScheduleIntervalSpec
from temporalio.worker import Worker

from sagas.db.ids import new_id
from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent
from sagas.deps import Deps
from sagas.settings import Settings
from sagas.webhooks.schedule import ensure_retention_schedule
from sagas.workflows.webhook_retention.messages import RetentionInput, RetentionResult
from sagas.workflows.webhook_retention.workflow import WebhookRetentionWorkflow
from tests.replay.record import record_history


async def _seed(
    deps: Deps, *, age_days: int, deliveries: int, events: dict[str, int]
) -> tuple[list[str], list[str]]:
    at = datetime.now(UTC) - timedelta(days=age_days)
    delivery_ids = [new_id("whd") for _ in range(deliveries)]
    event_ids: list[str] = []
    async with deps.sessions() as session, session.begin():
        for delivery_id in delivery_ids:
            session.add(
                WebhookDelivery(
                    id=delivery_id,
                    gateway="stripe",
                    received_at=at,
                    request_id="r",
                    headers={},
                    payload="{}",
                    payload_bytes=2,
                    result="no_op",
                )
            )
        for status, count in events.items():
            for _ in range(count):
                event_id = f"evt_ret_{secrets.token_hex(6)}"
                event_ids.append(event_id)
                session.add(
                    WebhookEvent(
                        gateway="stripe",
                        event_id=event_id,
                        event_type="x",
                        status=status,
                        attempts=1,
                        first_delivery_id="whd_x",
                        created_at=at,
                        updated_at=at,
                    )
                )
    return delivery_ids, event_ids


async def _left(deps: Deps, delivery_ids: list[str], event_ids: list[str]) -> tuple[int, int]:
    async with deps.sessions() as session:
        d = await session.scalar(select(func.count()).where(WebhookDelivery.id.in_(delivery_ids)))
        e = await session.scalar(select(func.count()).where(WebhookEvent.event_id.in_(event_ids)))
        return int(d or 0), int(e or 0)


async def test_sweep_deletes_in_batches_past_retention_only(
    worker: Worker, deps: Deps, temporal_client: Client
) -> None:
    old_d, old_e = await _seed(
        deps, age_days=400, deliveries=7, events={"handed_over": 2, "no_op": 1}
    )
    kept_pending = (await _seed(deps, age_days=400, deliveries=0, events={"pending": 1}))[1]
    # the pending event's first delivery is what reconciliation replays: it must stay
    pending_first = (await _seed(deps, age_days=400, deliveries=1, events={}))[0]
    async with deps.sessions() as session, session.begin():
        await session.execute(
            update(WebhookEvent)
            .where(WebhookEvent.event_id.in_(kept_pending))
            .values(first_delivery_id=pending_first[0])
        )
    new_d, new_e = await _seed(deps, age_days=1, deliveries=2, events={"handed_over": 1})
    workflow_id = f"webhook-retention-test-{secrets.token_hex(4)}"
    result: RetentionResult = await temporal_client.execute_workflow(
        WebhookRetentionWorkflow.run,
        RetentionInput(retention_days=365, batch_size=3),
        id=workflow_id,
        task_queue=worker.task_queue,
    )
    assert result.complete and result.batches >= 3 and result.deliveries_deleted >= 7
    assert await _left(deps, old_d, old_e) == (0, 0)
    assert await _left(deps, new_d + pending_first, new_e + kept_pending) == (3, 2)
    again: RetentionResult = await temporal_client.execute_workflow(
        WebhookRetentionWorkflow.run,
        RetentionInput(retention_days=365, batch_size=3),
        id=f"{workflow_id}-again",
        task_queue=worker.task_queue,
    )
    assert again.complete and again.deliveries_deleted == 0 and again.events_deleted == 0
    await record_history(temporal_client, workflow_id, "webhook-retention-batched")


async def test_capped_run_stops_and_says_so(
    worker: Worker, deps: Deps, temporal_client: Client
) -> None:
    old_d, _ = await _seed(deps, age_days=400, deliveries=5, events={})
    workflow_id = f"webhook-retention-capped-{secrets.token_hex(4)}"
    result: RetentionResult = await temporal_client.execute_workflow(
        WebhookRetentionWorkflow.run,
        RetentionInput(retention_days=365, batch_size=2, max_batches=1),
        id=workflow_id,
        task_queue=worker.task_queue,
    )
    assert not result.complete and result.batches == 1 and result.deliveries_deleted == 2
    state = await temporal_client.get_workflow_handle(workflow_id).query(
        WebhookRetentionWorkflow.state
    )
    assert state.stage == "capped"
    await record_history(temporal_client, workflow_id, "webhook-retention-capped")
    await temporal_client.execute_workflow(
        WebhookRetentionWorkflow.run,
        RetentionInput(retention_days=365),
        id=f"{workflow_id}-rest",
        task_queue=worker.task_queue,
    )
    assert (await _left(deps, old_d, []))[0] == 0


async def test_schedule_is_created_idempotently(
    temporal_client: Client, settings: Settings
) -> None:
    schedule_id = f"webhook-retention-test-{secrets.token_hex(4)}"
    await ensure_retention_schedule(temporal_client, settings, schedule_id=schedule_id)
    await ensure_retention_schedule(
        temporal_client, settings, schedule_id=schedule_id, interval=timedelta(minutes=30)
    )
    handle = temporal_client.get_schedule_handle(schedule_id)
    try:
        desc = await handle.describe()
        assert desc.schedule.spec.intervals == [ScheduleIntervalSpec(every=timedelta(minutes=30))]
        action = desc.schedule.action
        assert getattr(action, "workflow", None) == "WebhookRetentionWorkflow"
        assert getattr(action, "task_queue", None) == settings.temporal_task_queue
    finally:
        await handle.delete()
