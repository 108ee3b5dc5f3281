"""The dispatcher activity: sends due deliveries until its run is over, then reports.

It runs apart from the sagas (its own workflow, see
:mod:`sagas.workflows.merchant_webhooks`): a dead endpoint costs a lease and a timeout
inside this loop, never a saga's time. Deliveries are concurrent (bounded), each attempt
is recorded as it ends, and the loop heartbeats, so a worker that dies mid-delivery
leaves leases that run out and a Temporal retry that picks everything up again; no
delivery is lost, at worst one is sent twice (receivers dedupe on ``webhook-id``).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime

import httpx
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from sagas.db.base import utcnow
from sagas.events.delivery import store
from sagas.events.delivery.backoff import Backoff
from sagas.events.delivery.pinned import delivery_client
from sagas.events.delivery.sender import send
from sagas.events.urlguard import UrlNotAllowed, check_url
from sagas.observability.metrics import MERCHANT_WEBHOOK_DELIVERIES
from sagas.settings import Settings

# A claimed delivery is the dispatcher's for one attempt's timeout plus this; a
# dispatcher that died with it leaves a lease that runs out this soon after.
LEASE_MARGIN_S = 5.0
RECORD_TRIES = 5


class DispatchInput(BaseModel):
    run_for_s: float = 300.0


class DispatchReport(BaseModel):
    attempted: int = 0
    succeeded: int = 0
    failed_now: int = 0
    failed_outstanding: int = 0


class DispatchActivities:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings

    def backoff(self) -> Backoff:
        s = self._settings
        return Backoff(
            first_s=s.merchant_webhook_first_retry_s,
            cap_s=s.merchant_webhook_max_interval_s,
            window_s=s.merchant_webhook_retry_for_s,
        )

    @activity.defn(name="merchant_webhooks.dispatch")
    async def dispatch(self, req: DispatchInput) -> DispatchReport:
        s = self._settings
        report = DispatchReport()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + req.run_for_s
        inflight: dict[str, asyncio.Task[str]] = {}
        timeout = httpx.Timeout(s.merchant_webhook_timeout_s)
        production = s.sagas_env == "production"
        async with delivery_client(timeout, production=production) as client:
            try:
                while loop.time() < deadline:
                    activity.heartbeat()
                    free = s.merchant_webhook_concurrency - len(inflight)
                    if free > 0:
                        for claimed in await self._claim(free, skip=set(inflight)):
                            inflight[claimed.delivery_id] = asyncio.create_task(
                                self._one(client, claimed)
                            )
                    if inflight:
                        await asyncio.wait(
                            list(inflight.values()),
                            timeout=s.merchant_webhook_poll_s,
                            return_when=asyncio.FIRST_COMPLETED,
                        )
                    else:
                        await asyncio.sleep(s.merchant_webhook_poll_s)
                    for delivery_id, task in list(inflight.items()):
                        if task.done():
                            del inflight[delivery_id]
                            _count(report, task)
                # The run is over: let what is in flight finish (each bounded by the timeout).
                for delivery_id, task in list(inflight.items()):
                    with contextlib.suppress(Exception):
                        await task
                    del inflight[delivery_id]
                    _count(report, task)
            finally:
                for task in inflight.values():
                    task.cancel()  # cancelled: its lease runs out and it is sent again
        async with self._sessions() as session:
            report.failed_outstanding = await store.failed_count(session)
        return report

    async def _claim(self, limit: int, *, skip: set[str]) -> list[store.Claimed]:
        """Due deliveries; a database hiccup (SQLite busy, a failover) skips one tick
        instead of failing the run and cutting what is in flight."""
        try:
            return await store.claim_due(
                self._sessions,
                limit=limit,
                lease_s=self._settings.merchant_webhook_timeout_s + LEASE_MARGIN_S,
                skip=skip,
            )
        except SQLAlchemyError as err:
            activity.logger.warning("claiming due deliveries failed, next tick: %s", err)
            return []

    async def _record(self, delivery_id: str, outcome: store.Outcome, at: datetime) -> str:
        """Record the attempt, retried a few times: an attempt made but not recorded is
        sent again once its lease runs out (harmless, but noisy for the receiver)."""
        for tries in range(RECORD_TRIES):
            try:
                return await store.record(
                    self._sessions, delivery_id, outcome, self.backoff(), attempted_at=at
                )
            except SQLAlchemyError:
                if tries == RECORD_TRIES - 1:
                    raise
                await asyncio.sleep(0.2 * (tries + 1))
        raise AssertionError("unreachable")

    async def _one(self, client: httpx.AsyncClient, claimed: store.Claimed) -> str:
        attempt = await store.load_attempt(self._sessions, claimed)
        if attempt is None:
            return "parked"
        now = utcnow()
        outcome = await self._guarded(attempt) or await send(
            client, attempt, now=now, total_s=self._settings.merchant_webhook_timeout_s
        )
        status = await self._record(claimed.delivery_id, outcome, now)
        MERCHANT_WEBHOOK_DELIVERIES.labels(attempt_result(outcome.ok, status)).inc()
        return status

    async def _guarded(self, attempt: store.Attempt) -> store.Outcome | None:
        """In production, the URL is checked again before each attempt (a name can
        resolve somewhere private since it was registered): a refusal is a failed
        attempt, retried like any other."""
        if self._settings.sagas_env != "production":
            return None
        try:
            await check_url(attempt.url, production=True)
        except UrlNotAllowed as err:
            return store.Outcome(False, None, f"url_not_allowed: {err}"[:300], 0)
        return None


def attempt_result(ok: bool, status: str) -> str:
    """The ``result`` label of one attempt: ``succeeded``, ``retrying`` or ``failed``
    (the retry window is over)."""
    if ok:
        return "succeeded"
    return "failed" if status == "failed" else "retrying"


def _count(report: DispatchReport, task: asyncio.Task[str]) -> None:
    if task.cancelled() or task.exception() is not None:
        activity.logger.warning("a delivery attempt crashed: %s", task.exception())
        return
    status = task.result()
    if status == "parked":
        return
    report.attempted += 1
    report.succeeded += int(status == "succeeded")
    report.failed_now += int(status == "failed")
