"""The dispute as recorded, for the saga's decisions and its UI details."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from sagas.domain.disputes import (
    DisputeStatus,
)


class Recorded(BaseModel):
    """The dispute as recorded, for the saga's decisions and its UI details."""

    dispute_id: str
    order_id: str | None
    customer_id: str | None
    gateway: str
    gateway_dispute_id: str
    gateway_payment_id: str | None
    amount_minor: int
    currency: str
    status: str
    psp_status: str
    evidence_due_by: datetime | None
    evidence_submitted: bool
    accepted: bool
    needs_review: bool
    fulfilment_revoked: bool
    changes: list[str]
    poll_interval_s: int = 0  # the saga's re-read interval (a setting, passed along)

    @property
    def final(self) -> bool:
        return DisputeStatus(self.status).final
