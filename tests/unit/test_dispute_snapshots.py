"""The PSPs' dispute shapes mapped onto ours: statuses, deadlines, money moved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sagas.domain.disputes import DisputeStatus, razorpay_dispute_status, stripe_dispute_status
from sagas.gateways.razorpay.disputes.snapshot import snapshot as rzp_snapshot
from sagas.gateways.stripe.disputes.snapshot import snapshot as stripe_snapshot


@pytest.mark.parametrize(
    ("raw", "ours"),
    [
        ("needs_response", DisputeStatus.NEEDS_RESPONSE),
        ("warning_needs_response", DisputeStatus.NEEDS_RESPONSE),
        ("under_review", DisputeStatus.UNDER_REVIEW),
        ("warning_under_review", DisputeStatus.UNDER_REVIEW),
        ("won", DisputeStatus.WON),
        ("warning_closed", DisputeStatus.WON),
        ("lost", DisputeStatus.LOST),
    ],
)
def test_stripe_statuses(raw: str, ours: DisputeStatus) -> None:
    assert stripe_dispute_status(raw) is ours


@pytest.mark.parametrize(
    ("raw", "deducted", "ours"),
    [
        ("open", 0, DisputeStatus.NEEDS_RESPONSE),
        ("action_required", 0, DisputeStatus.NEEDS_RESPONSE),
        ("under_review", 0, DisputeStatus.UNDER_REVIEW),
        ("won", 0, DisputeStatus.WON),
        ("lost", 500, DisputeStatus.LOST),
        ("closed", 0, DisputeStatus.WON),
        ("closed", 500, DisputeStatus.LOST),
    ],
)
def test_razorpay_statuses(raw: str, deducted: int, ours: DisputeStatus) -> None:
    assert razorpay_dispute_status(raw, deducted) is ours


def test_stripe_snapshot_follows_balance_transactions() -> None:
    raw = {
        "id": "dp_1",
        "amount": 3000,
        "currency": "usd",
        "charge": "ch_1",
        "payment_intent": {"id": "pi_1"},
        "reason": "fraudulent",
        "status": "won",
        "evidence_details": {"due_by": 1767225600, "submission_count": 1},
        "balance_transactions": [{"amount": -3000}, {"amount": 3000}],
    }
    snap = stripe_snapshot(raw)
    assert snap.gateway_payment_id == "pi_1" and snap.currency == "USD"
    assert snap.status is DisputeStatus.WON and snap.evidence_submitted
    assert (snap.withdrawn_minor, snap.reinstated_minor) == (3000, 3000)
    assert snap.evidence_due_by == datetime(2026, 1, 1, tzinfo=UTC)


def test_razorpay_snapshot_counts_what_was_deducted() -> None:
    raw = {
        "id": "disp_1",
        "payment_id": "pay_1",
        "amount": 10000,
        "currency": "INR",
        "amount_deducted": 10000,
        "reason_code": "chargeback",
        "respond_by": 1767225600,
        "status": "lost",
        "evidence": {"summary": "x", "submitted_at": 1767000000},
    }
    snap = rzp_snapshot(raw)
    assert snap.status is DisputeStatus.LOST and snap.withdrawn_minor == 10000
    assert snap.evidence_submitted and snap.reason == "chargeback"


def test_razorpay_action_required_asks_for_evidence_again() -> None:
    raw = {
        "id": "disp_2",
        "payment_id": "pay_2",
        "amount": 10000,
        "currency": "INR",
        "amount_deducted": 0,
        "status": "action_required",
        "evidence": {"summary": "first try", "submitted_at": 1767000000},
    }
    snap = rzp_snapshot(raw)
    assert snap.status is DisputeStatus.NEEDS_RESPONSE and not snap.evidence_submitted


def test_stripe_snapshot_in_iso_units() -> None:
    raw = {
        "id": "dp_2",
        "amount": 500000,  # Stripe keeps ISK two-decimal: 5000 ISK
        "currency": "isk",
        "payment_intent": "pi_2",
        "status": "needs_response",
        "evidence_details": {"due_by": None, "submission_count": 0},
        "balance_transactions": [{"amount": -500000}],
    }
    snap = stripe_snapshot(raw)
    assert (snap.amount_minor, snap.currency, snap.withdrawn_minor) == (5000, "ISK", 5000)
    assert snap.evidence_due_by is None and not snap.evidence_submitted
