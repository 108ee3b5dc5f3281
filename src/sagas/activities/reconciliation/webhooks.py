"""Webhook events whose hand-off failed: re-delivered through the webhook pipeline.

The webhook intake records every event in ``webhook_events`` (unique per gateway and event
id) and leaves it ``pending`` when handing it to its workflow failed; the PSP's retries
usually settle it. One still pending after ``webhook_failed_older_than_s`` is replayed
from its first recorded delivery through the same pipeline an admin replay uses — never a
parallel path — so routing, dedupe and the audit log stay the webhook module's.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.models import (
    Finding,
    FindingKind,
    FindInput,
    FindResult,
    RepairOutcome,
)
from sagas.db.models.webhooks import EventStatus, WebhookEvent
from sagas.webhooks.errors import WebhookRejected
from sagas.webhooks.pipeline import WebhookPipeline


async def find_failed_webhooks(
    sessions: async_sessionmaker[AsyncSession], req: FindInput
) -> FindResult:
    before = req.as_of - timedelta(seconds=req.webhook_failed_older_than_s)
    async with sessions() as session:
        rows = list(
            await session.scalars(
                select(WebhookEvent)
                .where(WebhookEvent.status == EventStatus.PENDING, WebhookEvent.updated_at < before)
                .order_by(WebhookEvent.updated_at)
                .limit(req.limit)
            )
        )
    findings = [
        Finding(
            kind=FindingKind.FAILED_WEBHOOK,
            sweep_id=req.sweep_id,
            gateway=e.gateway,
            object_type="webhook_event",
            object_id=str(e.id),
            detail=f"{e.gateway} {e.event_type} {e.event_id}: pending after {e.attempts} "
            f"attempt(s); last: {e.detail or 'no detail'}",
        )
        for e in rows
    ]
    return FindResult(examined=len(rows), findings=findings)


async def redeliver(ctx: RepairContext, f: Finding) -> RepairOutcome:
    out = f.outcome()
    async with ctx.sessions() as session:
        event = await session.get(WebhookEvent, int(f.object_id))
    if event is None or event.status != EventStatus.PENDING:
        out.detail = f"event is {event.status if event else 'gone'}"
        return out

    async def temporal() -> Client:
        return ctx.client

    pipeline = WebhookPipeline(sessions=ctx.sessions, settings=ctx.settings, temporal=temporal)
    try:
        answer = await pipeline.replay(event.first_delivery_id, source_ip=None)
    except WebhookRejected as err:  # unknown or unreplayable delivery: a person must look
        raise ApplicationError(err.reason, type="NotFound", non_retryable=True) from err
    result = str(answer.body.get("result") or (answer.body.get("error") or {}).get("code"))
    if answer.status >= 300:
        # Temporal or the database failed again: retried under the activity's policy.
        raise RuntimeError(f"re-delivery of {event.event_id} answered {answer.status}: {result}")
    out.action = "redelivered"
    out.detail = f"{f.detail}; re-delivered: {result} → {answer.body.get('workflow_id')}"
    return out
