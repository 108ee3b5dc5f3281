"""Webhook audit-log retention: delete one bounded batch per activity call.

Batches keep each transaction short (no long lock on a busy log) and make the sweep
resumable: a retried or repeated batch deletes whatever is still past the cutoff, so
running the sweep twice is harmless. Settled dedupe rows go with the log past retention
(PSPs stop retrying within days); ``pending`` ones stay for reconciliation to see, and
so does the delivery each is replayed from (its ``first_delivery_id``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from sagas.db.engine import unit_of_work
from sagas.db.models.webhooks import EventStatus, WebhookDelivery, WebhookEvent
from sagas.settings import Settings


class SweepBatchInput(BaseModel):
    as_of: datetime
    retention_days: int | None = Field(default=None, ge=0, description="None: the setting")
    batch_size: int = Field(default=500, ge=1, le=10_000)


class SweepBatchResult(BaseModel):
    cutoff: datetime
    deliveries_deleted: int
    events_deleted: int


class WebhookActivities:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings

    @activity.defn(name="webhooks.sweep_batch")
    async def sweep_batch(self, inp: SweepBatchInput) -> SweepBatchResult:
        days = (
            self._settings.webhook_retention_days
            if inp.retention_days is None
            else inp.retention_days
        )
        cutoff = inp.as_of - timedelta(days=days)
        d, e = WebhookDelivery, WebhookEvent
        async with unit_of_work(self._sessions) as session:
            # A pending event is replayed from its first delivery: keep that payload.
            still_needed = select(e.first_delivery_id).where(
                e.status == EventStatus.PENDING, e.first_delivery_id.is_not(None)
            )
            old_deliveries = (
                select(d.id)
                .where(d.received_at < cutoff, d.id.not_in(still_needed))
                .order_by(d.received_at)
                .limit(inp.batch_size)
            )
            gone = await session.execute(
                delete(d)
                .where(d.id.in_(old_deliveries))
                .execution_options(synchronize_session=False)
            )
            old_events = (
                select(e.id)
                .where(e.status.in_(EventStatus.SETTLED), e.updated_at < cutoff)
                .order_by(e.updated_at)
                .limit(inp.batch_size)
            )
            gone_events = await session.execute(
                delete(e).where(e.id.in_(old_events)).execution_options(synchronize_session=False)
            )
        return SweepBatchResult(
            cutoff=cutoff,
            deliveries_deleted=int(getattr(gone, "rowcount", 0) or 0),
            events_deleted=int(getattr(gone_events, "rowcount", 0) or 0),
        )
