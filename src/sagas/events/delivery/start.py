"""Start the dispatcher workflow once: every worker calls this; the first starts it, the
others find it running (fixed id, ``USE_EXISTING``)."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.common import TypedSearchAttributes, WorkflowIDConflictPolicy

from sagas.settings import Settings
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.merchant_webhooks.messages import DispatcherInput
from sagas.workflows.merchant_webhooks.workflow import MerchantWebhookDispatcherWorkflow

WORKFLOW_ID = "merchant-webhook-dispatcher"


async def ensure_dispatcher(
    client: Client,
    settings: Settings,
    *,
    workflow_id: str = WORKFLOW_ID,
    inp: DispatcherInput | None = None,
) -> None:
    await client.start_workflow(
        MerchantWebhookDispatcherWorkflow.run,
        inp or DispatcherInput(),
        id=workflow_id,
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        search_attributes=TypedSearchAttributes(initial_pairs("merchant_webhooks")),
        static_summary="Merchant webhook deliveries (outbox dispatcher)",
    )
