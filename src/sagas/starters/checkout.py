"""Starting and messaging the checkout saga (``checkout-<checkout id>``).

The input and search attributes are rebuilt from the row (the source of truth) by
:mod:`sagas.services.checkout_launch`; the API starts with update-with-start and waits for
the gateway object, reconciliation restarts a saga whose workflow is gone.
"""

from __future__ import annotations

from collections.abc import Collection

from temporalio.client import Client, WithStartWorkflowOperation
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy

from sagas.db.models.checkouts import Checkout
from sagas.services.checkout_launch import checkout_input, checkout_search_attributes
from sagas.settings import Settings
from sagas.starters.hosting import ensure_hosted
from sagas.workflows.checkout import (
    CancelRequest,
    CancelResult,
    CheckoutInput,
    CheckoutWorkflow,
    GatewayObjectRequest,
    GatewayObjectResult,
    VerifyRequest,
    VerifyResult,
)

WORKFLOW_TYPE = "CheckoutWorkflow"


async def start_checkout(
    client: Client, co: Checkout, settings: Settings, inp: CheckoutInput | None = None
) -> GatewayObjectResult:
    """Start the saga (or join the running one) and wait for its gateway object.
    ``inp`` overrides the input built from the row and settings (tests tune timings)."""
    start = WithStartWorkflowOperation(
        CheckoutWorkflow.run,
        inp or checkout_input(co, settings),
        id=co.workflow_id,
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        search_attributes=checkout_search_attributes(co),
        static_summary=(
            f"Checkout {co.id}: {co.total_minor} {co.currency} via {co.gateway}/{co.flow}"
        ),
        static_details=f"order {co.order_id} · customer {co.customer_id} · "
        f"expires {co.expires_at.isoformat()}",
    )
    return await client.execute_update_with_start_workflow(
        CheckoutWorkflow.wait_gateway_object,
        GatewayObjectRequest(),
        start_workflow_operation=start,
    )


async def restart_checkout(
    client: Client, settings: Settings, co: Checkout, hosted: Collection[str] | None = None
) -> None:
    """Start the checkout saga again under its own id, from the row (the source of truth)."""
    ensure_hosted(WORKFLOW_TYPE, hosted)
    await client.start_workflow(
        CheckoutWorkflow.run,
        checkout_input(co, settings),
        id=co.workflow_id,
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        search_attributes=checkout_search_attributes(co),
        static_summary=(
            f"Checkout {co.id}: {co.total_minor} {co.currency} (restarted by reconciliation)"
        ),
        static_details=f"order {co.order_id} · customer {co.customer_id} · was {co.status} "
        f"with no live workflow · expires {co.expires_at.isoformat()}",
    )


async def cancel_checkout(client: Client, workflow_id: str, reason: str) -> CancelResult:
    handle = client.get_workflow_handle_for(CheckoutWorkflow.run, workflow_id)
    return await handle.execute_update(CheckoutWorkflow.cancel, CancelRequest(reason=reason))


async def verify_razorpay(client: Client, workflow_id: str, req: VerifyRequest) -> VerifyResult:
    handle = client.get_workflow_handle_for(CheckoutWorkflow.run, workflow_id)
    return await handle.execute_update(CheckoutWorkflow.razorpay_verified, req)
