"""A subscription as ``GET`` (and its merchant events) show it."""

from __future__ import annotations

from api.schemas.subscriptions import SubscriptionOut
from sagas.db.models.subscriptions import Subscription


def subscription_out(sub: Subscription) -> SubscriptionOut:
    return SubscriptionOut(
        id=sub.id,
        status=sub.status,
        status_reason=sub.status_reason,
        customer_id=sub.customer_id,
        plan_id=sub.plan_id,
        gateway=sub.gateway,
        amount=sub.price_minor,
        currency=sub.currency,
        gateway_subscription_id=sub.gateway_subscription_id,
        payer={k: str(v) for k, v in (sub.payer_details or {}).items()},
        current_period_start=sub.current_period_start,
        current_period_end=sub.current_period_end,
        trial_end=sub.trial_end,
        grace_until=sub.grace_until,
        cancel_at_period_end=sub.cancel_at_period_end,
        cancelled_at=sub.cancelled_at,
        workflow_id=sub.workflow_id,
        created_at=sub.created_at,
    )
