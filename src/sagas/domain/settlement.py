"""The settlement gate (CONTRACT 4.1) as a pure decision over the PSP's own state.

An order becomes ``paid`` only when the PSP itself reports a settled payment that is bound
to this checkout (its metadata/notes name the checkout *and* it belongs to the checkout's
gateway object), in the checkout's currency, for at least the server-computed total. A
webhook or a client callback only tells the saga *where to look*; the saga re-reads the
payment into a :class:`PaymentSnapshot` and asks :func:`judge`.

Checks run in a fixed order and the first failure is the recorded reason, so the same
snapshot always gets the same verdict (workflow code calls this; it must be deterministic).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class PaymentStatus(StrEnum):
    """A PSP payment status, normalized across Stripe and Razorpay."""

    SETTLED = "settled"  # Stripe PI succeeded; Razorpay payment captured
    AUTHORIZED = "authorized"  # Stripe requires_capture; Razorpay authorized
    PROCESSING = "processing"  # Stripe processing (async methods)
    PENDING = "pending"  # nothing attempted yet / payer still acting
    FAILED = "failed"  # declined (the payer may try again)
    CANCELED = "canceled"
    REFUNDED = "refunded"


class PaymentSnapshot(BaseModel):
    """One payment as the PSP reports it right now."""

    gateway: str
    payment_id: str  # pi_… / pay_…
    gateway_object_id: str  # what it belongs to: pi_… itself, cs_…, plink_…, order_…
    checkout_id: str | None  # from the payment's metadata / notes
    status: PaymentStatus
    amount_minor: int
    currency: str
    failure: str | None = None
    next_action_url: str | None = None  # the PSP's page where the payer acts (3-D Secure)


class Expected(BaseModel):
    checkout_id: str
    gateway_object_id: str
    amount_minor: int
    currency: str


class Verdict(StrEnum):
    ACCEPT = "accept"
    CAPTURE_FIRST = "capture_first"  # bound and right, but only authorized (Razorpay)
    AUTHORIZED = "authorized"  # manual capture: bound, right and held for the merchant
    WAIT = "wait"  # processing / pending: not money yet, not a failure either
    REJECT = "reject"


class Rejection(StrEnum):
    WRONG_CHECKOUT = "payment_of_another_checkout"
    WRONG_CURRENCY = "currency_mismatch"
    SHORT_AMOUNT = "amount_short"
    NOT_CAPTURED = "payment_not_captured"
    FAILED = "payment_failed"
    CANCELED = "payment_canceled"
    REFUNDED = "payment_refunded"
    WRONG_OBJECT = "payment_of_another_gateway_object"


class GateDecision(BaseModel):
    verdict: Verdict
    payment_id: str
    reason: Rejection | None = None
    detail: str = ""


def judge(
    snapshot: PaymentSnapshot, expected: Expected, *, can_capture: bool, manual: bool = False
) -> GateDecision:
    """Decide what ``snapshot`` means for the checkout ``expected`` describes.

    ``can_capture`` says whether the saga captures authorized payments itself (Razorpay:
    yes; Stripe PaymentIntents here capture automatically, so an authorized one is not
    money and is rejected as not captured). ``manual``: the checkout authorizes now and
    the merchant captures later, so a bound, right authorization is ``AUTHORIZED``
    (CONTRACT 11.2) on any PSP.
    """

    def reject(reason: Rejection, detail: str) -> GateDecision:
        return GateDecision(
            verdict=Verdict.REJECT, payment_id=snapshot.payment_id, reason=reason, detail=detail
        )

    if snapshot.checkout_id != expected.checkout_id:
        return reject(
            Rejection.WRONG_CHECKOUT,
            f"payment names checkout {snapshot.checkout_id!r}, not {expected.checkout_id!r}",
        )
    if snapshot.currency.upper() != expected.currency.upper():
        return reject(
            Rejection.WRONG_CURRENCY,
            f"payment is in {snapshot.currency.upper()}, checkout in {expected.currency.upper()}",
        )
    if snapshot.amount_minor < expected.amount_minor:
        return reject(
            Rejection.SHORT_AMOUNT,
            f"payment of {snapshot.amount_minor} is short of {expected.amount_minor}",
        )
    status = snapshot.status
    if status is PaymentStatus.AUTHORIZED and not (can_capture or manual):
        return reject(Rejection.NOT_CAPTURED, "payment is authorized but not captured")
    if status is PaymentStatus.FAILED:
        return reject(Rejection.FAILED, snapshot.failure or "payment failed")
    if status is PaymentStatus.CANCELED:
        return reject(Rejection.CANCELED, "payment was canceled")
    if status is PaymentStatus.REFUNDED:
        return reject(Rejection.REFUNDED, "payment was refunded")
    # Binding to our own gateway object comes before anything that moves money (a
    # capture), so a payment of a foreign order is never captured on our behalf.
    if snapshot.gateway_object_id != expected.gateway_object_id:
        return reject(
            Rejection.WRONG_OBJECT,
            f"payment belongs to {snapshot.gateway_object_id}, not {expected.gateway_object_id}",
        )
    if status is PaymentStatus.SETTLED:
        return GateDecision(verdict=Verdict.ACCEPT, payment_id=snapshot.payment_id)
    if status is PaymentStatus.AUTHORIZED:
        verdict = Verdict.AUTHORIZED if manual else Verdict.CAPTURE_FIRST
        return GateDecision(verdict=verdict, payment_id=snapshot.payment_id)
    return GateDecision(verdict=Verdict.WAIT, payment_id=snapshot.payment_id)
