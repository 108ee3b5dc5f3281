"""Checkout activities: PSP calls (:mod:`.psp`) and our own records (:mod:`.records`)."""

from collections.abc import Callable
from typing import Any

from sagas.activities.checkout.authorizations import CheckoutAuthorizationActivities
from sagas.activities.checkout.psp import CheckoutPspActivities
from sagas.activities.checkout.records import CheckoutRecordActivities
from sagas.activities.checkout.review import PaymentReviewActivities
from sagas.deps import Deps

__all__ = [
    "CheckoutAuthorizationActivities",
    "CheckoutPspActivities",
    "CheckoutRecordActivities",
    "PaymentReviewActivities",
    "checkout_activities",
]


def checkout_activities(deps: Deps) -> list[Callable[..., Any]]:
    """Every checkout activity, wired to the real adapters in ``deps``."""
    psp = CheckoutPspActivities(deps.sessions, deps.gateways)
    records = CheckoutRecordActivities(deps.sessions)
    held = CheckoutAuthorizationActivities(deps.sessions)
    review = PaymentReviewActivities(deps.sessions, deps.gateways, deps.settings)
    return [
        psp.open_gateway_object,
        psp.read_payments,
        psp.capture_payment,
        psp.compensate_gateway_object,
        psp.capture_authorized,
        psp.void_authorized,
        held.authorize,
        held.record_capture,
        held.record_void,
        records.set_stage,
        records.require_action,
        records.settle,
        records.settle_free,
        records.close,
        records.fulfil,
        review.inspect,
        review.record_late_payment,
    ]
