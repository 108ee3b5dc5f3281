"""Reading the evidence: our database, Temporal, the audit log, the event feed, the
feature gate and the simulator's records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from sagas.db.models.webhooks import WebhookEvent

from .. import observe
from ..actors.stage import Started
from ..http import Api
from ..psp import PspState, fetch_objects
from ..rows import Db
from .audit import _webhooks
from .evidence import Evidence, _workflow_ids


async def gather(
    api: Api,
    sessions: async_sessionmaker[AsyncSession],
    temporal: Client,
    started: Started,
    code: str,
    *,
    since: datetime,
    log_before: int,
    feed_after: int,
) -> Evidence:
    db = await Db.read(sessions, set(started.checkouts), code, set(started.subscriptions))
    workflows = await observe.workflow_statuses(temporal, _workflow_ids(db))
    dump = await fetch_objects(str(api.sim.base_url).rstrip("/"))
    psp = PspState.build(dump, set(started.checkouts))
    log, made, audited = await _webhooks(api, since, log_before)
    acked = {(e["gateway"], e["event_id"]) for e in log if e["succeeded"]}
    async with sessions() as s:
        rows = (
            await s.execute(
                select(WebhookEvent.gateway, WebhookEvent.event_id, WebhookEvent.status)
            )
        ).all()
    feed = await observe.event_feed(api, feed_after)
    granted = await observe.entitlements(api, set(started.customers.values()))
    return Evidence(
        db,
        psp,
        workflows,
        made,
        audited,
        acked,
        {(g, i): st for g, i, st in rows},
        log,
        feed,
        granted,
    )
