"""One place that builds the test data every layer needs (plain values, no I/O).

Workflow tests feed these to activity stubs; activity tests use them as inputs. Each
builder takes keyword overrides so a test states only what it is about.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sagas.activities.refund_models import RefundPlan
from sagas.domain.refunds import PspRefund, RefundStatus
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.workflows.checkout import CheckoutInput


def refund_plan(**over: Any) -> RefundPlan:
    base: dict[str, Any] = {
        "refund_id": "rf_test",
        "order_id": "or_test",
        "customer_id": "cu_test",
        "origin": "api",
        "gateway": "stripe",
        "gateway_payment_id": "pi_test",
        "amount_minor": 1500,
        "currency": "USD",
        "status": "pending",
        "gateway_refund_id": None,
        "fulfilment_revoked": False,
        "poll_interval_s": 10,
        "deadline_s": 600,
    }
    return RefundPlan.model_validate(base | over)


def psp_refund(status: RefundStatus = RefundStatus.PENDING, **over: Any) -> PspRefund:
    base: dict[str, Any] = {
        "gateway": "stripe",
        "gateway_refund_id": "re_test",
        "status": status,
        "raw_status": status.value,
        "amount_minor": 1500,
        "currency": "USD",
        "refund_id": "rf_test",
    }
    return PspRefund.model_validate(base | over)


def checkout_input(**over: Any) -> CheckoutInput:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "checkout_id": "co_test",
        "order_id": "or_test",
        "customer_id": "cu_test",
        "gateway": "stripe",
        "flow": "payment_intent",
        "amount_minor": 2500,
        "currency": "USD",
        "created_at": now,
        "expires_at": now + timedelta(minutes=30),
        "poll_interval_s": 60,
    }
    return CheckoutInput.model_validate(base | over)


def payment(status: PaymentStatus = PaymentStatus.SETTLED, **over: Any) -> PaymentSnapshot:
    base: dict[str, Any] = {
        "gateway": "stripe",
        "payment_id": "pi_test",
        "gateway_object_id": "pi_test",
        "checkout_id": "co_test",
        "status": status,
        "amount_minor": 2500,
        "currency": "USD",
    }
    return PaymentSnapshot.model_validate(base | over)
