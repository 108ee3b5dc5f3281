"""The hand-off claim: committed before Temporal is called, never a transaction across the
call; copies meanwhile are duplicates; a failed or abandoned hand-off is never lost.

Temporal is a fake here so a test can hold a signal in flight and look at the database
while it is (the real server is tested in test_intake).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from datetime import timedelta
from typing import Any, cast

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection
from temporalio.client import Client

from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.models import FindInput
from sagas.activities.reconciliation.webhooks import find_failed_webhooks, redeliver
from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.webhooks import WebhookDelivery
from sagas.deps import Deps
from sagas.domain.psp_events import Gateway
from sagas.settings import Settings
from sagas.webhooks import envelopes, writes
from sagas.webhooks.answers import Answer
from sagas.webhooks.pipeline import WebhookPipeline
from tests.webhooks.conftest import pi_object, seed_checkout, stripe_event
from tests.webhooks.helpers import deliveries, processed


class FakeTemporal:
    """Signals are recorded; each waits for ``gate`` (open unless ``hold``), then fails
    with ``fail`` if set."""

    def __init__(self, *, hold: bool = False, fail: BaseException | None = None) -> None:
        self.signals: list[tuple[str, str]] = []
        self.entered = asyncio.Event()
        self.gate = asyncio.Event()
        self.fail = fail
        if not hold:
            self.gate.set()

    def get_workflow_handle(self, workflow_id: str) -> Any:
        fake = self

        class Handle:
            async def signal(self, name: str, event: Any, **_: Any) -> None:
                fake.signals.append((workflow_id, event.event_id))
                fake.entered.set()
                await fake.gate.wait()
                if fake.fail is not None:
                    raise fake.fail

        return Handle()

    async def __call__(self) -> Client:
        return cast(Client, self)


def _pipeline(deps: Deps, settings: Settings, temporal: FakeTemporal) -> WebhookPipeline:
    return WebhookPipeline(sessions=deps.sessions, settings=settings, temporal=temporal)


async def _routed_event(deps: Deps) -> tuple[str, dict[str, Any]]:
    wf = f"wh-fake-{secrets.token_hex(6)}"
    checkout_id = await seed_checkout(deps, wf)
    pi = pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": checkout_id})
    return wf, stripe_event("payment_intent.succeeded", pi)


async def _deliver(pipeline: WebhookPipeline, event: dict[str, Any]) -> Answer:
    return await pipeline.ingest_fetched(Gateway.STRIPE, json.dumps(event).encode())


async def test_the_claim_commits_before_temporal_is_called(deps: Deps, settings: Settings) -> None:
    wf, event = await _routed_event(deps)
    temporal = FakeTemporal(hold=True)
    pipeline = _pipeline(deps, settings, temporal)
    first = asyncio.create_task(_deliver(pipeline, event))
    await asyncio.wait_for(temporal.entered.wait(), timeout=10)
    # The signal is in flight: the claim and the delivery's row are committed already.
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "pending" and seen.claimed_until is not None
    assert [r.result for r in await deliveries(deps, event["id"])] == ["received"]
    # A copy now is a duplicate at once, and other deliveries are not held up (on SQLite,
    # no write lock is held across the call).
    copy = await asyncio.wait_for(_deliver(pipeline, event), timeout=5)
    assert copy.status == 200 and copy.body["result"] == "duplicate"
    assert copy.body["detail"] == "being handed over"
    other = stripe_event("payout.paid", {"id": f"po_{secrets.token_hex(4)}", "object": "payout"})
    unrelated = await asyncio.wait_for(_deliver(pipeline, other), timeout=5)
    assert unrelated.status == 200 and unrelated.body["result"] == "no_op"
    temporal.gate.set()
    done = await first
    assert done.status == 200 and done.body["result"] == "handed_over", done.body
    assert temporal.signals == [(wf, event["id"])]
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "handed_over" and seen.claimed_until is None
    rows = sorted(r.result for r in await deliveries(deps, event["id"]))
    assert rows == ["duplicate", "handed_over"]
    again = await _deliver(pipeline, event)
    assert again.body["result"] == "duplicate" and again.body["detail"] == "already handed_over"


async def test_a_failed_signal_releases_the_claim_for_the_retry(
    deps: Deps, settings: Settings
) -> None:
    wf, event = await _routed_event(deps)
    down = await _deliver(_pipeline(deps, settings, FakeTemporal(fail=OSError("reset"))), event)
    assert down.status == 503 and down.body["error"]["details"]["result"] == "failed"
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "pending" and seen.claimed_until is None
    healthy = FakeTemporal()
    retry = await _deliver(_pipeline(deps, settings, healthy), event)
    assert retry.status == 200 and retry.body["result"] == "handed_over"
    assert healthy.signals == [(wf, event["id"])]
    assert [r.result for r in await deliveries(deps, event["id"])] == ["failed", "handed_over"]


async def test_a_hand_off_abandoned_mid_call_is_swept_and_handed_over(
    deps: Deps, settings: Settings
) -> None:
    """The process dies holding the claim: a copy in the meantime is acknowledged as a
    duplicate, so the reconciliation sweep must find the event and hand it over."""
    wf, event = await _routed_event(deps)
    stuck = FakeTemporal(hold=True)
    first = asyncio.create_task(_deliver(_pipeline(deps, settings, stuck), event))
    await asyncio.wait_for(stuck.entered.wait(), timeout=10)
    first.cancel()  # nothing after the call runs: the lease stays, the row says received
    await asyncio.gather(first, return_exceptions=True)
    copy = await _deliver(_pipeline(deps, settings, FakeTemporal()), event)
    assert copy.status == 200 and copy.body["result"] == "duplicate"
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "pending"

    later = utcnow() + timedelta(seconds=200)
    found = await find_failed_webhooks(
        deps.sessions,
        FindInput(
            sweep_id="sw_claims",
            as_of=later,
            limit=1000,
            older_than_s=0,
            checkout_grace_s=0,
            refund_pending_s=0,
            webhook_failed_older_than_s=120,
            lookback_s=0,
        ),
    )
    [finding] = [f for f in found.findings if event["id"] in (f.detail or "")]
    healthy = FakeTemporal()
    ctx = RepairContext(sessions=deps.sessions, client=cast(Client, healthy), settings=settings)
    out = await redeliver(ctx, finding)
    assert out.action == "redelivered"
    assert healthy.signals == [(wf, event["id"])]
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "handed_over" and seen.claimed_until is None


async def test_writes_commit_together_on_sqlite_and_a_failing_one_fails_alone(
    deps: Deps,
) -> None:
    """Concurrent intake writes on SQLite share commits (group commit); a job that fails
    takes only itself down, its batch-mates are committed and answered."""
    engine = deps.sessions.kw["bind"]
    commits: list[int] = []

    def count(_conn: Any) -> None:
        commits.append(1)

    ids = [new_id("whd") for _ in range(20)]

    def job(delivery_id: str) -> writes.Job[str]:
        async def add(conn: AsyncConnection) -> str:
            await conn.execute(
                insert(WebhookDelivery).values(
                    id=delivery_id,
                    gateway="stripe",
                    received_at=utcnow(),
                    request_id=f"test_{delivery_id}",
                    headers={},
                    payload_bytes=0,
                    result="received",
                )
            )
            return delivery_id

        return add

    async def broken(conn: AsyncConnection) -> str:
        raise ValueError("boom")

    event.listen(engine.sync_engine, "commit", count)
    try:
        together = await asyncio.gather(*(writes.run(deps.sessions, job(i)) for i in ids[:10]))
    finally:
        event.remove(engine.sync_engine, "commit", count)
    assert together == ids[:10]
    if engine.dialect.name == "sqlite":
        assert len(commits) < 10  # batched: fewer commits than writes
    jobs = [job(i) for i in ids[10:15]] + [broken] + [job(i) for i in ids[15:]]
    answers = await asyncio.gather(
        *(writes.run(deps.sessions, j) for j in jobs), return_exceptions=True
    )
    assert answers[:5] == ids[10:15] and answers[6:] == ids[15:]
    assert isinstance(answers[5], ValueError)
    async with deps.sessions() as session:
        stored = await session.scalars(
            select(WebhookDelivery.id).where(WebhookDelivery.id.in_(ids))
        )
        assert sorted(stored) == sorted(ids)


async def test_a_crash_while_translating_is_recorded_and_retried(
    deps: Deps, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> Any:
        raise KeyError("data")

    monkeypatch.setattr(envelopes, "identify", broken)
    payout = stripe_event("payout.paid", {"id": f"po_{secrets.token_hex(4)}", "object": "payout"})
    crashed = await _deliver(_pipeline(deps, settings, FakeTemporal()), payout)
    assert crashed.status == 503 and crashed.body["error"]["code"] == "service_unavailable"
    async with deps.sessions() as session:
        row = await session.get(WebhookDelivery, crashed.body["error"]["details"]["delivery_id"])
    assert row is not None and row.result == "failed" and row.payload == json.dumps(payout)
    assert "KeyError" in (row.detail or "")
