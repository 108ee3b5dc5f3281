"""The checkout workflow's input, result, and the payloads of its updates."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from sagas.workflows.checkout.messages.state import RejectionRecord, Stage
from sagas.workflows.operator.attention import Attention

#: The messages callers start the saga with and send it (the package re-exports these).
__all__ = [
    "CancelRequest",
    "CancelResult",
    "CheckoutInput",
    "CheckoutResult",
    "GatewayObjectRequest",
    "GatewayObjectResult",
    "HoldRequest",
    "HoldResult",
    "VerifyRequest",
    "VerifyResult",
]

# A run that waits polls the PSP at most this many times, then continues-as-new (each
# poll adds about a dozen events; Temporal suggests continuing-as-new well before its
# history limits, and that suggestion is honoured too).
MAX_POLLS_PER_RUN = 500


class GatewayObjectResult(BaseModel):
    ok: bool
    stage: str
    kind: str | None = None
    gateway_object_id: str | None = None
    payer_details: dict[str, str] = Field(default_factory=dict)
    error: str | None = None


class Carry(BaseModel):
    """What a waiting checkout hands to its next run when it continues-as-new: the gateway
    object (so it is never created twice), the stage, and the bounded memory of events,
    judged payments and rejections the next run must not forget."""

    stage: Stage
    gateway: GatewayObjectResult
    seen: list[str] = Field(default_factory=list)  # newest last, bounded
    events_seen: int = 0
    judged: dict[str, str] = Field(default_factory=dict)
    hints: list[str] = Field(default_factory=list)
    set_aside: list[str] = Field(default_factory=list)
    rejections: list[RejectionRecord] = Field(default_factory=list)
    reason: str | None = None
    attention: Attention = Field(default_factory=Attention)
    psp_reads: int = 0
    runs: int = 1  # runs before the one this carry starts
    wake: bool = False  # an event arrived in the last moment of the previous run
    processing_since: datetime | None = None
    next_action_url: str | None = None


class CheckoutInput(BaseModel):
    checkout_id: str
    order_id: str
    customer_id: str
    gateway: str  # stripe | razorpay
    flow: str  # payment_intent | checkout_session | payment_link | order
    amount_minor: int  # the server-computed net total
    currency: str
    created_at: datetime
    expires_at: datetime
    poll_interval_s: int = 60
    max_polls_per_run: int = MAX_POLLS_PER_RUN
    capture: str = "automatic"  # automatic | manual (authorize now, capture later)
    processing_deadline_s: int = 14 * 24 * 3600  # a `processing` payment outlives expiry
    authorization_hold_s: int = 6 * 24 * 3600  # an uncaptured authorization is voided
    carry: Carry | None = None  # set only by continue-as-new


class CheckoutResult(BaseModel):
    checkout_id: str
    stage: str
    payment_id: str | None = None
    reason: str | None = None


class GatewayObjectRequest(BaseModel):
    """Input of the ``wait_gateway_object`` update (nothing to say yet; room to grow)."""


class VerifyRequest(BaseModel):
    """A Razorpay Checkout callback whose order id and signature the API already checked."""

    razorpay_order_id: str
    razorpay_payment_id: str


class VerifyResult(BaseModel):
    outcome: str  # paid | rejected | pending | closed
    stage: str
    reason: str | None = None
    detail: str | None = None


class CancelRequest(BaseModel):
    reason: str = "cancelled by the merchant"


class CancelResult(BaseModel):
    accepted: bool
    stage: str
    message: str


class HoldRequest(BaseModel):
    """Input of the ``hold_action`` update: the merchant's capture (all, or
    ``amount_minor``) or void of a manual-capture authorization. ``request_key`` is the
    API's Idempotency-Key: the same request again is accepted again."""

    action: str  # capture | void
    amount_minor: int | None = None
    request_key: str | None = None
    reason: str = "voided by the merchant"


class HoldResult(BaseModel):
    accepted: bool
    stage: str
    message: str
