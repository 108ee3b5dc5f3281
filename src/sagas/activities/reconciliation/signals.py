"""Repairs that go through the webhook pipeline's own path (CONTRACT 14).

What the sweep found for a saga that is still running — money captured for a checkout
that still waits, a subscription the PSP charges while our row waits for its first
payment — is handed over as the webhook that never came: a :class:`PspEvent` whose id
names the PSP object and state, recorded, deduped, routed and signalled like a delivery,
so the saga re-reads the PSP at once. A Stripe event whose delivery failed is read back
from Stripe and handed over as received. Dedupe on the event id makes a second sweep, or
one running at the same time, find each of these already handed over: it reports nothing.
"""

from __future__ import annotations

from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.models import Bucket, Finding, RepairOutcome
from sagas.activities.reconciliation.payments import found_payment_event
from sagas.db.models.webhooks import DeliveryResult
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.gateways.registry import GatewayRegistry
from sagas.webhooks.answers import Answer
from sagas.webhooks.pipeline import WebhookPipeline


class Signals:
    def __init__(self, ctx: RepairContext, registry: GatewayRegistry) -> None:
        async def temporal() -> Client:
            return ctx.client

        self._pipeline = WebhookPipeline(
            sessions=ctx.sessions, settings=ctx.settings, temporal=temporal
        )
        self._registry = registry

    async def paid_running(self, f: Finding) -> RepairOutcome:
        answer = await self._pipeline.hand_over_found(found_payment_event(f))
        return _outcome(f, answer, "signalled: re-read the PSP now")

    async def subscription_live(self, f: Finding) -> RepairOutcome:
        assert f.gateway is not None and f.gateway_object_id is not None
        event = PspEvent(
            gateway=Gateway(f.gateway),
            event_id=f"reconcile-sub-{f.gateway}-{f.gateway_object_id}-live",
            event_type="reconciliation.subscription_live",
            kind=PspEventKind.SUBSCRIPTION_UPDATED,
            object_id=f.gateway_object_id,
            subscription_id=f.object_id,
        )
        answer = await self._pipeline.hand_over_found(event)
        return _outcome(f, answer, "signalled: re-read the PSP now")

    async def failed_delivery(self, f: Finding) -> RepairOutcome:
        assert f.gateway is not None
        raw = await self._registry.get(f.gateway).sweeps.event_payload(f.object_id)
        if raw is None:
            raise ApplicationError(
                f"{f.gateway} cannot read events back", type="Conflict", non_retryable=True
            )
        answer = await self._pipeline.ingest_fetched(Gateway(f.gateway), raw)
        return _outcome(f, answer, "applied through the webhook path")


def _outcome(f: Finding, answer: Answer, done: str) -> RepairOutcome:
    result = str(answer.body.get("result") or "")
    if answer.status >= 300:
        # Temporal or the database failed: retried under the activity's policy.
        raise RuntimeError(f"hand-over of {f.object_id} answered {answer.status}: {answer.body}")
    out = f.outcome()
    if result == DeliveryResult.HANDED_OVER:
        out.action = "signalled" if out.bucket is not Bucket.DELIVERIES else "applied"
        out.detail = f"{f.detail}; {done} → {answer.body.get('workflow_id')}"
    else:
        out.detail = f"{result}: {answer.body.get('detail')}"  # a duplicate: done before
    return out
