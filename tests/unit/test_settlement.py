"""The settlement gate (CONTRACT 4.1) as a pure function: each attack has its reason."""

from __future__ import annotations

import pytest

from sagas.domain.settlement import (
    Expected,
    PaymentSnapshot,
    PaymentStatus,
    Rejection,
    Verdict,
    judge,
)

EXPECTED = Expected(
    checkout_id="co_1", gateway_object_id="order_1", amount_minor=10000, currency="INR"
)


def snap(**changes: object) -> PaymentSnapshot:
    base: dict[str, object] = {
        "gateway": "razorpay",
        "payment_id": "pay_1",
        "gateway_object_id": "order_1",
        "checkout_id": "co_1",
        "status": PaymentStatus.SETTLED,
        "amount_minor": 10000,
        "currency": "INR",
    }
    base.update(changes)
    return PaymentSnapshot.model_validate(base)


def test_settled_bound_payment_is_accepted() -> None:
    decision = judge(snap(), EXPECTED, can_capture=True)
    assert decision.verdict is Verdict.ACCEPT and decision.reason is None


def test_overpayment_is_accepted_and_currency_case_is_ignored() -> None:
    assert judge(snap(amount_minor=10001, currency="inr"), EXPECTED, can_capture=True).verdict is (
        Verdict.ACCEPT
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"checkout_id": "co_2"}, Rejection.WRONG_CHECKOUT),
        ({"checkout_id": None}, Rejection.WRONG_CHECKOUT),
        ({"currency": "USD"}, Rejection.WRONG_CURRENCY),
        ({"amount_minor": 9999}, Rejection.SHORT_AMOUNT),
        ({"gateway_object_id": "order_2"}, Rejection.WRONG_OBJECT),
        ({"status": PaymentStatus.FAILED}, Rejection.FAILED),
        ({"status": PaymentStatus.CANCELED}, Rejection.CANCELED),
        ({"status": PaymentStatus.REFUNDED}, Rejection.REFUNDED),
    ],
)
def test_each_attack_is_rejected_with_its_reason(
    changes: dict[str, object], reason: Rejection
) -> None:
    decision = judge(snap(**changes), EXPECTED, can_capture=True)
    assert decision.verdict is Verdict.REJECT
    assert decision.reason is reason and decision.detail


def test_authorized_is_captured_first_only_where_the_saga_captures() -> None:
    authorized = snap(status=PaymentStatus.AUTHORIZED)
    assert judge(authorized, EXPECTED, can_capture=True).verdict is Verdict.CAPTURE_FIRST
    refused = judge(authorized, EXPECTED, can_capture=False)
    assert refused.verdict is Verdict.REJECT and refused.reason is Rejection.NOT_CAPTURED


def test_a_foreign_authorized_payment_is_never_captured() -> None:
    foreign = snap(status=PaymentStatus.AUTHORIZED, gateway_object_id="order_2")
    decision = judge(foreign, EXPECTED, can_capture=True)
    assert decision.verdict is Verdict.REJECT and decision.reason is Rejection.WRONG_OBJECT


@pytest.mark.parametrize("status", [PaymentStatus.PROCESSING, PaymentStatus.PENDING])
def test_processing_and_pending_wait(status: PaymentStatus) -> None:
    assert judge(snap(status=status), EXPECTED, can_capture=True).verdict is Verdict.WAIT


@pytest.mark.parametrize("can_capture", [True, False])
def test_manual_capture_holds_a_bound_authorization_on_every_psp(can_capture: bool) -> None:
    authorized = snap(status=PaymentStatus.AUTHORIZED)
    decision = judge(authorized, EXPECTED, can_capture=can_capture, manual=True)
    assert decision.verdict is Verdict.AUTHORIZED


def test_manual_capture_still_rejects_a_short_or_foreign_authorization() -> None:
    short = snap(status=PaymentStatus.AUTHORIZED, amount_minor=EXPECTED.amount_minor - 1)
    assert judge(short, EXPECTED, can_capture=False, manual=True).reason is Rejection.SHORT_AMOUNT
    foreign = snap(status=PaymentStatus.AUTHORIZED, gateway_object_id="pi_other")
    decision = judge(foreign, EXPECTED, can_capture=False, manual=True)
    assert decision.reason is Rejection.WRONG_OBJECT
