"""What the worker hosts: every workflow class and every activity, wired to real adapters.

Each saga adds its workflows to :func:`workflows` and its activity objects to
:func:`activities`. Activities are methods of classes that take their adapters from
:class:`~sagas.deps.Deps`, so tests can wire the same classes to the simulator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sagas.deps import Deps


def workflows() -> Sequence[type]:
    found: list[type] = []
    from sagas.workflows.checkout import CheckoutWorkflow  # checkout saga
    from sagas.workflows.payment_review import PaymentReviewWorkflow  # late payments

    found += [CheckoutWorkflow, PaymentReviewWorkflow]
    from sagas.workflows.subscription.workflow import SubscriptionWorkflow  # subscriptions

    found.append(SubscriptionWorkflow)
    from sagas.workflows.refund import RefundWorkflow  # refund saga

    found.append(RefundWorkflow)
    from sagas.workflows.dispute import DisputeWorkflow  # disputes
    from sagas.workflows.refund_reopened.workflow import RefundReopenedWorkflow

    found += [DisputeWorkflow, RefundReopenedWorkflow]  # and a refund failed late
    from sagas.workflows.reconciliation import ReconciliationWorkflow  # reconciliation

    found.append(ReconciliationWorkflow)
    from sagas.workflows.webhook_retention.workflow import WebhookRetentionWorkflow  # webhooks

    found.append(WebhookRetentionWorkflow)
    from sagas.workflows.merchant_webhooks.workflow import MerchantWebhookDispatcherWorkflow

    found.append(MerchantWebhookDispatcherWorkflow)  # events
    return found


def workflow_types() -> set[str]:
    """Names of the workflow types the worker hosts."""
    names: set[str] = set()
    for cls in workflows():
        defn = getattr(cls, "__temporal_workflow_definition", None)
        names.add(getattr(defn, "name", None) or cls.__name__)
    return names


def activities(deps: Deps) -> Sequence[Callable[..., Any]]:
    found: list[Callable[..., Any]] = []
    from sagas.activities.checkout import checkout_activities  # checkout saga

    found += checkout_activities(deps)
    from sagas.activities.subscriptions import subscription_activities  # subscriptions

    found += subscription_activities(deps)
    from sagas.activities.refunds import refund_activities  # refund saga

    found += refund_activities(deps.sessions, deps.gateways, deps.settings)
    from sagas.activities.disputes import dispute_activities  # disputes
    from sagas.activities.refund_reopen import refund_reopen_activities

    found += dispute_activities(deps.sessions, deps.gateways, deps.settings)
    found += refund_reopen_activities(deps.sessions)
    from sagas.activities.reconciliation import reconciliation_activities  # reconciliation

    found += reconciliation_activities(deps, hosted=workflow_types())
    from sagas.activities.webhooks import WebhookActivities  # webhooks

    found.append(WebhookActivities(deps.sessions, deps.settings).sweep_batch)
    from sagas.events.delivery.dispatcher import DispatchActivities  # merchant events
    from sagas.events.handoff_activity import HandOffActivities

    found.append(DispatchActivities(deps.sessions, deps.settings).dispatch)
    found.append(HandOffActivities(deps.sessions).hand_off)
    return found
