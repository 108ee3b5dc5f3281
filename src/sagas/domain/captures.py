"""Capturing and voiding an authorization (CONTRACT 11.2), as the saga records them.

A PSP that captures part of an authorization (Stripe) releases the rest itself; one that
captures only whole authorizations (Razorpay) captures all and refunds the rest, so
``captured_at_psp`` may exceed ``captured_minor`` and ``release_refund_id`` names the
refund that gave the rest back.
"""

from __future__ import annotations

from pydantic import BaseModel

from sagas.domain.settlement import PaymentSnapshot


class CaptureRequest(BaseModel):
    """The merchant's capture of an authorization: keep ``amount_minor`` of the
    ``authorized_minor``; ``capture_id`` (the order id) keys every PSP call it makes."""

    payment_id: str
    amount_minor: int
    authorized_minor: int
    currency: str
    capture_id: str


class CaptureOutcome(BaseModel):
    payment: PaymentSnapshot  # as the PSP reports it after the capture
    captured_minor: int  # what the merchant keeps (the amount asked for)
    captured_at_psp: int  # what the PSP captured (Razorpay: the whole authorization)
    released_minor: int  # what went back to the payer
    release_refund_id: str | None = None  # the PSP refund that released it (Razorpay)


class VoidOutcome(BaseModel):
    payment_id: str
    status: str  # the PSP's status afterwards (canceled; authorized where the PSP lets
    # an uncaptured authorization lapse on its own)
