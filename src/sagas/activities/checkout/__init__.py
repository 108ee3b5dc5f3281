"""Checkout activities: PSP calls (:mod:`.psp`) and our own records (:mod:`.records`)."""

from sagas.activities.checkout.psp import CheckoutPspActivities
from sagas.activities.checkout.records import CheckoutRecordActivities

__all__ = ["CheckoutPspActivities", "CheckoutRecordActivities"]
