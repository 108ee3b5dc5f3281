"""Starting and messaging the subscription saga (``subscription-<subscription id>``).

A paid plan without trial is started with update-with-start and ``gateway_ready`` so the
API can answer what the payer needs; every other start is a plain one. A closed
subscription's workflow is never started again (``REJECT_DUPLICATE``); reconciliation
restarts the saga of a *live* row whose workflow is gone (:func:`restart_subscription`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from datetime import timedelta
from typing import Any

from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowHandle,
    WorkflowUpdateHandle,
    WorkflowUpdateStage,
)
from temporalio.common import TypedSearchAttributes, WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from sagas.db.models.subscriptions import Subscription
from sagas.domain.psp_events import PspEvent
from sagas.services.subscriptions.workflow_ids import workflow_input
from sagas.settings import Settings
from sagas.starters.hosting import ensure_hosted
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.subscription.messages.cancel import CancelRequest, CancelResult
from sagas.workflows.subscription.messages.inputs import SubscriptionInput, SubscriptionRef
from sagas.workflows.subscription.messages.queries import GatewayReady
from sagas.workflows.subscription.workflow import SubscriptionWorkflow

WORKFLOW_TYPE = "SubscriptionWorkflow"


def _options(sub: Subscription, settings: Settings) -> dict[str, Any]:
    return {
        "id": sub.workflow_id,
        "task_queue": settings.temporal_task_queue,
        "id_conflict_policy": WorkflowIDConflictPolicy.USE_EXISTING,
        "id_reuse_policy": WorkflowIDReusePolicy.REJECT_DUPLICATE,
        "search_attributes": TypedSearchAttributes(
            initial_pairs(
                "subscription",
                customer_id=sub.customer_id,
                gateway=sub.gateway,
                amount_minor=sub.price_minor,
                currency=sub.currency,
            )
        ),
        "static_summary": f"Subscription {sub.id}: {sub.price_minor} {sub.currency}"
        f" via {sub.gateway or 'no gateway (free plan)'}",
        "static_details": f"customer {sub.customer_id} · plan {sub.plan_id}",
    }


async def start_subscription(client: Client, sub: Subscription, settings: Settings) -> None:
    """Start (or join) the saga; one that ran and closed is left alone: see the row."""
    inp = workflow_input(sub.id, settings)
    with contextlib.suppress(WorkflowAlreadyStartedError):
        await client.start_workflow(SubscriptionWorkflow.run, inp, **_options(sub, settings))


async def restart_subscription(
    client: Client,
    sub: Subscription,
    settings: Settings,
    inp: SubscriptionInput,
    event: PspEvent | None,
    hosted: Collection[str] | None = None,
) -> None:
    """Start the saga again under its own id, for a live row whose workflow is gone.
    ``inp`` resumes from our records (period, last confirmed payment); ``event`` is sent
    with the start so the run re-reads the PSP at its first wait."""
    ensure_hosted(WORKFLOW_TYPE, hosted)
    options = _options(sub, settings) | {
        "id_reuse_policy": WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        "static_summary": f"Subscription {sub.id} (restarted by reconciliation)",
        "static_details": f"customer {sub.customer_id} · plan {sub.plan_id} · was {sub.status}"
        " with no live workflow",
    }
    if event is not None:
        options |= {"start_signal": "psp_event", "start_signal_args": [event]}
    await client.start_workflow(SubscriptionWorkflow.run, inp, **options)


def start_operation(sub: Subscription, settings: Settings) -> WithStartWorkflowOperation[Any, Any]:
    """The start half of :func:`start_and_wait_ready` (kept by the caller, which may need
    to ask whether it went through after an interrupted call)."""
    return WithStartWorkflowOperation(
        SubscriptionWorkflow.run, workflow_input(sub.id, settings), **_options(sub, settings)
    )


async def start_and_wait_ready(
    client: Client,
    op: WithStartWorkflowOperation[Any, Any],
    sub: Subscription,
    *,
    rpc_timeout: timedelta,
) -> GatewayReady:
    """Start (or join) with ``op`` and wait until the PSP subscription exists. (The
    handlers live on ``SubscriptionBase``, hence the ``Any`` handle types.)"""
    return await client.execute_update_with_start_workflow(
        SubscriptionWorkflow.gateway_ready,
        SubscriptionRef(subscription_id=sub.id),
        start_workflow_operation=op,
        rpc_timeout=rpc_timeout,
    )


async def start_cancel(
    client: Client, workflow_id: str, req: CancelRequest, *, rpc_timeout: timedelta
) -> WorkflowUpdateHandle[CancelResult]:
    """Send ``cancel`` and return once the workflow has accepted it."""
    handle: WorkflowHandle[Any, Any] = client.get_workflow_handle(workflow_id)
    return await handle.start_update(
        SubscriptionWorkflow.cancel,
        req,
        wait_for_stage=WorkflowUpdateStage.ACCEPTED,
        rpc_timeout=rpc_timeout,
    )
