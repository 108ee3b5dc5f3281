"""How a checkout saga is started from its row: one place for the workflow's input and
the search attributes it is findable by, used by the API and the reconciliation sweep."""

from __future__ import annotations

from temporalio.common import TypedSearchAttributes

from sagas.db.models.checkouts import Checkout
from sagas.settings import Settings
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.checkout.messages.inputs import CheckoutInput


def checkout_input(co: Checkout, settings: Settings) -> CheckoutInput:
    """The saga's input, rebuilt from the row (the source of truth) and the settings."""
    return CheckoutInput(
        checkout_id=co.id,
        order_id=co.order_id,
        customer_id=co.customer_id,
        gateway=co.gateway,
        flow=co.flow,
        amount_minor=co.total_minor,
        currency=co.currency,
        created_at=co.created_at,
        expires_at=co.expires_at,
        poll_interval_s=settings.psp_poll_interval_s,
        capture=co.capture_method,
        processing_deadline_s=settings.processing_deadline_s,
        authorization_hold_s=settings.authorization_hold_s,
    )


def checkout_search_attributes(co: Checkout) -> TypedSearchAttributes:
    return TypedSearchAttributes(
        initial_pairs(
            "checkout",
            customer_id=co.customer_id,
            checkout_id=co.id,
            order_id=co.order_id,
            gateway=co.gateway,
            amount_minor=co.total_minor,
            currency=co.currency,
        )
    )
