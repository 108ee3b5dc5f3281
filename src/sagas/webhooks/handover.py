"""Hand a routed event to Temporal: a ``psp_event`` signal, or the late-payment review.

Only an answer from Temporal counts: a signal it accepted, or a review workflow it
started (or already runs). A workflow that is closed or never existed (Temporal answers
NOT_FOUND) is not an error: a payment-success event then starts
``PaymentReviewWorkflow`` (``payment-review-<gateway>-<payment id>``, conflict policy
USE_EXISTING), which refunds money no paid order holds; any other event for such a flow
is settled as a recorded no-op with the reason. A route with a :class:`StartSpec` (a
dispute, a refund failed after success) is delivered by signal-with-start: its workflow
is started with the event as its first ``psp_event`` if it is not running. Anything else
(unreachable, timeout) is :class:`HandOffFailed`, and the PSP is told to retry.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from temporalio.client import Client, WorkflowHandle
from temporalio.common import TypedSearchAttributes
from temporalio.service import RPCError, RPCStatusCode

from sagas.db.models.webhooks import EventStatus
from sagas.domain.psp_events import PspEvent, PspEventKind
from sagas.starters.review import start_review
from sagas.temporal.search_attributes import initial_pairs
from sagas.webhooks.errors import HandOffFailed
from sagas.webhooks.routing import Route, StartSpec

RPC_TIMEOUT = timedelta(seconds=5)
#: Events that mean money may have moved: for a closed/unknown checkout, review them.
PAYMENT_KINDS = frozenset({PspEventKind.PAYMENT_SUCCEEDED, PspEventKind.CHECKOUT_COMPLETED})


@dataclass(frozen=True)
class Handed:
    status: str  # EventStatus.HANDED_OVER | EventStatus.NO_OP
    workflow_id: str | None
    detail: str


def review_workflow_id(event: PspEvent) -> str | None:
    payment_id = event.payment_id or (
        event.object_id if event.kind is PspEventKind.PAYMENT_SUCCEEDED else None
    )
    return f"payment-review-{event.gateway.value}-{payment_id}" if payment_id else None


class Handover:
    def __init__(self, client: Client, task_queue: str) -> None:
        self._client = client
        self._task_queue = task_queue

    async def deliver(self, event: PspEvent, route: Route) -> Handed:
        if route.workflow_id is not None and route.start is not None:
            return await self._signal_with_start(event, route.workflow_id, route.start, route.via)
        if route.workflow_id is not None:
            handle: WorkflowHandle[object, object] = self._client.get_workflow_handle(
                route.workflow_id
            )
            try:
                await asyncio.wait_for(
                    handle.signal("psp_event", event, rpc_timeout=RPC_TIMEOUT),
                    timeout=RPC_TIMEOUT.total_seconds() + 1,
                )
                return Handed(
                    EventStatus.HANDED_OVER, route.workflow_id, f"signalled via {route.via}"
                )
            except RPCError as err:
                if err.status != RPCStatusCode.NOT_FOUND:
                    raise HandOffFailed(f"signal to {route.workflow_id} failed: {err}") from err
                why = f"flow {route.workflow_id} is closed or gone (via {route.via})"
            except (TimeoutError, OSError, RuntimeError) as err:
                raise HandOffFailed(f"signal to {route.workflow_id} failed: {err!r}") from err
        else:
            why = route.via
        return await self._orphan(event, why)

    async def _signal_with_start(
        self, event: PspEvent, workflow_id: str, start: StartSpec, via: str
    ) -> Handed:
        try:
            await asyncio.wait_for(
                self._client.start_workflow(
                    start.workflow,
                    start.arg,
                    id=workflow_id,
                    task_queue=self._task_queue,
                    start_signal="psp_event",
                    start_signal_args=[event],
                    search_attributes=TypedSearchAttributes(
                        initial_pairs(start.saga_kind, gateway=event.gateway.value)
                    ),
                    static_summary=start.summary,
                    static_details=f"started by webhook {event.event_id} ({event.event_type})",
                    rpc_timeout=RPC_TIMEOUT,
                ),
                timeout=RPC_TIMEOUT.total_seconds() + 1,
            )
        except (RPCError, TimeoutError, OSError, RuntimeError) as err:
            raise HandOffFailed(f"signal-with-start of {workflow_id} failed: {err!r}") from err
        return Handed(EventStatus.HANDED_OVER, workflow_id, f"signalled (or started) via {via}")

    async def _orphan(self, event: PspEvent, why: str) -> Handed:
        review_id = review_workflow_id(event)
        if event.kind not in PAYMENT_KINDS or review_id is None:
            return Handed(EventStatus.NO_OP, None, f"recorded, nothing to do: {why}")
        paid = event.payment_id or event.object_id
        summary = f"Late payment review: {event.gateway.value} {paid}"
        details = f"started by webhook {event.event_id} ({event.event_type}): {why}"
        try:
            await asyncio.wait_for(
                start_review(
                    self._client,
                    event,
                    workflow_id=review_id,
                    task_queue=self._task_queue,
                    summary=summary,
                    details=details,
                    rpc_timeout=RPC_TIMEOUT,
                ),
                timeout=RPC_TIMEOUT.total_seconds() + 1,
            )
        except (RPCError, TimeoutError, OSError, RuntimeError) as err:
            raise HandOffFailed(f"starting {review_id} failed: {err!r}") from err
        return Handed(EventStatus.HANDED_OVER, review_id, f"payment review started: {why}")
