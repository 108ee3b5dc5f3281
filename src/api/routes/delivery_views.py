"""Rendering delivery records: each attempt as it ended, and a pending delivery's next."""

from __future__ import annotations

from api.schemas.events import DeliveryAttemptOut
from sagas.db.models.events import DeliveryAttempt, EventDelivery


def attempt_row(a: DeliveryAttempt) -> DeliveryAttemptOut:
    return DeliveryAttemptOut(
        delivery_id=a.delivery_id,
        event_id=a.event_id,
        endpoint_id=a.endpoint_id,
        attempt=a.attempt,
        status=a.status,
        response_status=a.response_status,
        error=a.error,
        duration_ms=a.duration_ms,
        attempted_at=a.attempted_at,
        next_attempt_at=a.next_attempt_at,
    )


def pending_row(d: EventDelivery) -> DeliveryAttemptOut:
    """The attempt still to come for a delivery (``pending``), or its overall state."""
    return DeliveryAttemptOut(
        delivery_id=d.id,
        event_id=d.event_id,
        endpoint_id=d.endpoint_id,
        attempt=d.attempts + 1 if d.status == "pending" else d.attempts,
        status=d.status,
        response_status=None if d.status == "pending" else d.last_response_status,
        error=None if d.status == "pending" else d.last_error,
        duration_ms=None,
        attempted_at=None,
        next_attempt_at=d.next_attempt_at,
    )
