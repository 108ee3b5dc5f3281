"""Checkout activities: PSP calls (:mod:`.psp`) and our own records (:mod:`.records`)."""

from collections.abc import Callable
from typing import Any

from sagas.activities.checkout.psp import CheckoutPspActivities
from sagas.activities.checkout.records import CheckoutRecordActivities
from sagas.activities.checkout.review import PaymentReviewActivities
from sagas.deps import Deps

__all__ = [
    "CheckoutPspActivities",
    "CheckoutRecordActivities",
    "PaymentReviewActivities",
    "checkout_activities",
]


def checkout_activities(deps: Deps) -> list[Callable[..., Any]]:
    """Every checkout activity, wired to the real adapters in ``deps``."""
    psp = CheckoutPspActivities(deps.sessions, deps.gateways)
    records = CheckoutRecordActivities(deps.sessions)
    review = PaymentReviewActivities(deps.sessions, deps.gateways, deps.settings)
    return [
        psp.open_gateway_object,
        psp.read_payments,
        psp.capture_payment,
        psp.compensate_gateway_object,
        records.set_stage,
        records.settle,
        records.close,
        records.fulfil,
        review.inspect,
        review.record_late_payment,
    ]
