"""Razorpay binds a payment to a checkout through its order, never through payment notes.

A payment's ``notes`` are whatever the payer's browser handed checkout.js; the order's
notes are ours. So a payment with no notes on our order is ours, and a payment whose
browser-supplied notes name our checkout but which belongs to another order is not.
"""

from __future__ import annotations

from sagas.domain.settlement import Expected, Rejection, Verdict, judge
from sagas.gateways.razorpay.orders.payments import snapshot_of_payment

OUR_ORDER = {"id": "order_ours", "notes": {"checkout_id": "co_1"}}
EXPECTED = Expected(
    checkout_id="co_1", gateway_object_id="order_ours", amount_minor=1000, currency="INR"
)


def _payment(order_id: str, notes: object) -> dict[str, object]:
    return {
        "id": "pay_1",
        "order_id": order_id,
        "notes": notes,
        "status": "captured",
        "amount": 1000,
        "currency": "INR",
    }


def test_a_payment_without_notes_on_our_order_is_accepted() -> None:
    snap = snapshot_of_payment(_payment("order_ours", []), OUR_ORDER)
    assert snap.checkout_id == "co_1"
    assert judge(snap, EXPECTED, can_capture=True).verdict == Verdict.ACCEPT


def test_browser_notes_naming_our_checkout_do_not_bind_another_order() -> None:
    other_order = {"id": "order_other", "notes": {"checkout_id": "co_2"}}
    payment = _payment("order_other", {"checkout_id": "co_1"})
    decision = judge(snapshot_of_payment(payment, other_order), EXPECTED, can_capture=True)
    assert decision.verdict == Verdict.REJECT
    assert decision.reason == Rejection.WRONG_CHECKOUT


def test_a_payment_without_an_order_is_bound_to_nothing() -> None:
    payment = _payment("", {"checkout_id": "co_1"})
    assert snapshot_of_payment(payment, None).checkout_id is None
