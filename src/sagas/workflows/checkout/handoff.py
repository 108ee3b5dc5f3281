"""The hand-off step as the checkout workflow calls it (workflow-safe: no I/O here)."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.models import CheckoutRef
    from sagas.events.handoff_activity import HandOffActivities, HandOffResult
    from sagas.temporal import policies
    from sagas.workflows.checkout.steps import FULFILMENT_TIMEOUT

# Recorded histories called ``checkout.fulfil`` here; new runs hand the order over.
HANDOFF_PATCH = "merchant-events-handoff"


async def hand_off(checkout_id: str) -> HandOffResult:
    return await workflow.execute_activity_method(
        HandOffActivities.hand_off,
        CheckoutRef(checkout_id=checkout_id),
        start_to_close_timeout=FULFILMENT_TIMEOUT,
        retry_policy=policies.FULFILMENT,
    )
