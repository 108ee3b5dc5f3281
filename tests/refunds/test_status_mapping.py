"""The pure PSP refund status mapping: unknown words are pending, never final."""

from __future__ import annotations

import pytest

from sagas.domain.refunds import RefundStatus, razorpay_refund_status, stripe_refund_status
from sagas.gateways.razorpay.refunds import snapshot as rzp_snapshot
from sagas.gateways.stripe.refunds.snapshot import snapshot as stripe_snapshot

P, S, F = RefundStatus.PENDING, RefundStatus.SUCCEEDED, RefundStatus.FAILED


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("pending", P),
        ("requires_action", P),
        ("succeeded", S),
        ("failed", F),
        ("canceled", F),
        (None, P),
        ("something_new", P),
    ],
)
def test_stripe(raw: str | None, want: RefundStatus) -> None:
    assert stripe_refund_status(raw) is want


@pytest.mark.parametrize(
    ("raw", "want"),
    [("pending", P), ("processed", S), ("failed", F), (None, P), ("succeeded", P)],
)
def test_razorpay(raw: str | None, want: RefundStatus) -> None:
    assert razorpay_refund_status(raw) is want


def test_snapshots_carry_our_ids() -> None:
    s = stripe_snapshot(
        {
            "id": "re_1",
            "status": "succeeded",
            "amount": 700,
            "currency": "usd",
            "payment_intent": "pi_1",
            "metadata": {"refund_id": "rf_1"},
        }
    )
    assert (s.status, s.currency, s.payment_id, s.refund_id) == (S, "USD", "pi_1", "rf_1")
    r = rzp_snapshot(
        {
            "id": "rfnd_1",
            "status": "processed",
            "amount": 700,
            "currency": "INR",
            "payment_id": "pay_1",
            "notes": [],
        }
    )
    assert (r.status, r.payment_id, r.refund_id) == (S, "pay_1", None)


@pytest.mark.parametrize(
    ("status", "captured", "refunded", "origin", "want"),
    [
        ("expired", 5000, 5000, "late_payment", "refunded"),  # never paid
        ("fulfilled", 8000, 3000, "late_payment", "fulfilled"),  # stray payment returned
        # The paid part was refunded first, then the stray late payment: nothing is left.
        ("partially_refunded", 8000, 8000, "late_payment", "refunded"),
        ("paid", 5000, 2000, "api", "partially_refunded"),
        ("partially_refunded", 5000, 5000, "api", "refunded"),
        # A refund opened before a dispute lands while it stands: only its outcome moves
        # the order (a win gives back what the refund left, see status_after_win).
        ("disputed", 5000, 2000, "api", "disputed"),
        ("charged_back", 5000, 5000, "api", "charged_back"),
    ],
)
def test_order_status_after_refund(
    status: str, captured: int, refunded: int, origin: str, want: str
) -> None:
    from sagas.activities.refunds import _order_status_after
    from sagas.db.models.orders import Order
    from sagas.db.models.refunds import Refund

    order = Order(status=status, captured_minor=captured, refunded_minor=refunded)
    assert _order_status_after(order, Refund(origin=origin)) == want
