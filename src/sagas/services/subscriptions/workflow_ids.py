"""A subscription's workflow id and its first run's input."""

from __future__ import annotations

from sagas.settings import Settings
from sagas.workflows.subscription.messages.inputs import SubscriptionInput


def workflow_id_for(subscription_id: str) -> str:
    return f"subscription-{subscription_id}"


def workflow_input(subscription_id: str, settings: Settings) -> SubscriptionInput:
    """The first run's input: the time scale is fixed here, once, for the whole life."""
    return SubscriptionInput(
        subscription_id=subscription_id, seconds_per_day=settings.sagas_dev_seconds_per_day
    )
