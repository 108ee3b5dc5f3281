"""Razorpay through the real razorpay SDK: orders, payments, refunds, subscriptions."""

from __future__ import annotations

import httpx
import pytest
import razorpay
from razorpay.errors import BadRequestError, SignatureVerificationError

from pspsim.testing import SimHandle

from .helpers import control
from .razorpay_shapes import assert_entity, assert_shape, fixture_for
from .receiver import Receiver, wait_for

pytestmark = pytest.mark.timeout(60)


def _order(rzp: razorpay.Client, receipt: str = "rcpt-1", amount: int = 50000) -> dict:
    order = rzp.order.create(
        {"amount": amount, "currency": "INR", "receipt": receipt, "notes": {"checkout_id": "co_r"}}
    )
    assert_entity(order)
    return order


def test_order_paid_with_checkout_signature(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    order = _order(rzp)
    assert order["status"] == "created" and order["notes"] == {"checkout_id": "co_r"}
    handoff = control(
        simulator, "POST", f"/razorpay/orders/{order['id']}/pay", {"outcome": "succeed"}
    )
    assert rzp.utility.verify_payment_signature(
        {k: handoff[k] for k in ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")}
    )
    with pytest.raises(SignatureVerificationError):
        rzp.utility.verify_payment_signature({**handoff, "razorpay_signature": "0" * 64})
    payment = rzp.payment.fetch(handoff["razorpay_payment_id"])
    assert_entity(payment)
    assert payment["status"] == "captured" and payment["captured"] is True
    # The order's notes are not copied onto the payment (only checkout.js's own notes are).
    assert payment["order_id"] == order["id"] and payment["notes"] in ([], {})
    fetched = rzp.order.fetch(order["id"])
    assert fetched["status"] == "paid" and fetched["amount_paid"] == 50000
    payments = rzp.order.payments(order["id"])
    assert_entity(payments)
    assert payments["count"] == 1
    paid = wait_for(lambda: receiver.razorpay_events("order.paid"))
    assert paid[0]["contains"] == ["payment", "order"]


def test_receipt_is_unique_and_findable(rzp: razorpay.Client) -> None:
    order = _order(rzp, "dup-receipt")
    with pytest.raises(BadRequestError):
        _order(rzp, "dup-receipt")
    found = rzp.order.all({"receipt": "dup-receipt"})
    assert_entity(found)
    assert [o["id"] for o in found["items"]] == [order["id"]]


def test_errors_are_mapped_by_code(simulator: SimHandle, rzp: razorpay.Client) -> None:
    with pytest.raises(BadRequestError) as small:
        rzp.order.create({"amount": 50, "currency": "INR"})
    assert "at" in str(small.value)
    with pytest.raises(BadRequestError):
        rzp.payment.fetch("pay_missing")
    bad = razorpay.Client(auth=("rzp_test_x", "nope"), base_url=simulator.razorpay_base)
    with pytest.raises(BadRequestError) as auth:
        bad.order.fetch("order_x")
    assert "Authentication failed" in str(auth.value)
    raw = httpx.get(f"{simulator.razorpay_base}/v1/orders/order_x", auth=("a", "b"))
    assert raw.status_code == 401
    assert_shape(raw.json(), fixture_for("error"))
    missing = httpx.get(
        f"{simulator.razorpay_base}/v1/nowhere",
        auth=(simulator.config.razorpay_key_id, simulator.config.razorpay_key_secret),
    )
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "BAD_REQUEST_ERROR"


def test_manual_capture_and_decline(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    order = _order(rzp)
    failed = control(
        simulator, "POST", f"/razorpay/orders/{order['id']}/pay", {"outcome": "decline"}
    )
    assert rzp.payment.fetch(failed["razorpay_payment_id"])["status"] == "failed"
    assert rzp.order.fetch(order["id"])["status"] == "attempted"
    handoff = control(
        simulator,
        "POST",
        f"/razorpay/orders/{order['id']}/pay",
        {"outcome": "succeed", "capture": "manual"},
    )
    pay_id = handoff["razorpay_payment_id"]
    assert rzp.payment.fetch(pay_id)["status"] == "authorized"
    with pytest.raises(BadRequestError):
        rzp.payment.capture(pay_id, 100, {"currency": "INR"})
    captured = rzp.payment.capture(pay_id, 50000, {"currency": "INR"})
    assert_entity(captured)
    assert captured["status"] == "captured"
    with pytest.raises(BadRequestError):
        rzp.payment.capture(pay_id, 50000, {"currency": "INR"})
    wait_for(lambda: receiver.razorpay_events("payment.failed"))
    wait_for(lambda: receiver.razorpay_events("payment.captured"))


def test_uncaptured_payment_is_auto_refunded(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    order = _order(rzp)
    handoff = control(
        simulator,
        "POST",
        f"/razorpay/orders/{order['id']}/pay",
        {"outcome": "succeed", "capture": "manual"},
    )
    control(simulator, "POST", f"/razorpay/payments/{handoff['razorpay_payment_id']}/auto_refund")
    payment = rzp.payment.fetch(handoff["razorpay_payment_id"])
    assert payment["status"] == "refunded" and payment["captured"] is False
    processed = wait_for(lambda: receiver.razorpay_events("refund.processed"))
    assert processed[0]["payload"]["payment"]["entity"]["captured"] is False


def test_refunds_with_idempotency_and_limits(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    order = _order(rzp)
    pay_id = control(simulator, "POST", f"/razorpay/orders/{order['id']}/pay", {})[
        "razorpay_payment_id"
    ]
    headers = {"X-Refund-Idempotency": "refund-key-0001"}
    refund = rzp.payment.refund(pay_id, {"amount": 20000}, headers=headers)
    assert_entity(refund)
    assert refund["status"] == "pending"
    same = rzp.payment.refund(pay_id, {"amount": 20000}, headers=headers)
    assert same["id"] == refund["id"]
    with pytest.raises(BadRequestError) as different:
        rzp.payment.refund(pay_id, {"amount": 10000}, headers=headers)
    assert "Different request" in str(different.value)
    with pytest.raises(BadRequestError) as too_much:
        rzp.refund.create({"payment_id": pay_id, "amount": 30001})
    assert "greater than amount captured" in str(too_much.value)
    rest = rzp.refund.create({"payment_id": pay_id, "amount": 30000})
    assert rzp.payment.fetch(pay_id)["refund_status"] == "full"
    with pytest.raises(BadRequestError):
        rzp.refund.create({"payment_id": pay_id, "amount": 100})
    wait_for(lambda: rzp.refund.fetch(rest["id"])["status"] == "processed", 5)
    assert_entity(rzp.refund.fetch(refund["id"]))
    processed = wait_for(lambda: len(receiver.razorpay_events("refund.processed")) == 2)
    assert processed


def test_refund_failure_by_control(simulator: SimHandle, rzp: razorpay.Client) -> None:
    control(
        simulator,
        "PUT",
        "/refund_behaviour",
        {"gateway": "razorpay", "final_status": "failed", "settle_after_s": None},
    )
    order = _order(rzp)
    pay_id = control(simulator, "POST", f"/razorpay/orders/{order['id']}/pay", {})[
        "razorpay_payment_id"
    ]
    refund = rzp.payment.refund(pay_id, {"amount": 50000})
    assert rzp.payment.fetch(pay_id)["status"] == "refunded"
    control(simulator, "POST", f"/razorpay/refunds/{refund['id']}/settle", {"outcome": "fail"})
    assert rzp.refund.fetch(refund["id"])["status"] == "failed"
    assert rzp.payment.fetch(pay_id)["status"] == "captured"


def test_plans_and_subscription_lifecycle(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    plan = rzp.plan.create(
        {
            "period": "monthly",
            "interval": 1,
            "item": {"name": "Pro", "amount": 49900, "currency": "INR"},
        }
    )
    assert_entity(plan)
    assert_entity(rzp.plan.fetch(plan["id"]))
    sub = rzp.subscription.create({"plan_id": plan["id"], "total_count": 3, "notes": {"k": "v"}})
    assert_entity(sub)
    assert sub["status"] == "created"
    first = control(
        simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/authenticate_and_charge", {}
    )
    assert rzp.utility.verify_subscription_payment_signature(
        {
            k: first[k]
            for k in ("razorpay_subscription_id", "razorpay_payment_id", "razorpay_signature")
        }
    )
    assert rzp.subscription.fetch(sub["id"])["status"] == "active"
    pending = control(
        simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/renew", {"outcome": "fail"}
    )
    assert pending["subscription"]["status"] == "pending"
    control(simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/renew", {"outcome": "succeed"})
    last = control(simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/renew", {})
    assert last["subscription"]["status"] == "completed"
    with pytest.raises(BadRequestError) as err:
        rzp.subscription.cancel(sub["id"])
    assert "not cancellable in completed status" in str(err.value)
    charged = wait_for(lambda: len(receiver.razorpay_events("subscription.charged")) == 3)
    assert charged
    wait_for(lambda: receiver.razorpay_events("subscription.pending"))
    wait_for(lambda: receiver.razorpay_events("subscription.completed"))


def test_subscription_halts_and_cancels(simulator: SimHandle, rzp: razorpay.Client) -> None:
    plan = rzp.plan.create(
        {
            "period": "weekly",
            "interval": 1,
            "item": {"name": "W", "amount": 10000, "currency": "INR"},
        }
    )
    sub = rzp.subscription.create({"plan_id": plan["id"], "total_count": 12})
    control(simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/authenticate_and_charge", {})
    statuses = [
        control(
            simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/renew", {"outcome": "fail"}
        )["subscription"]["status"]
        for _ in range(simulator.config.razorpay_halt_after_failures)
    ]
    assert statuses[-1] == "halted" and set(statuses[:-1]) == {"pending"}
    cancelled = rzp.subscription.cancel(sub["id"])
    assert_entity(cancelled)
    assert cancelled["status"] == "cancelled"
    other = rzp.subscription.create({"plan_id": plan["id"], "total_count": 2})
    control(simulator, "POST", f"/razorpay/subscriptions/{other['id']}/cancel")
    assert rzp.subscription.fetch(other["id"])["status"] == "cancelled"


def test_hosted_order_page(simulator: SimHandle, rzp: razorpay.Client) -> None:
    order = _order(rzp)
    url = f"{simulator.base_url}/pay/razorpay/order/{order['id']}"
    page = httpx.get(url)
    assert page.status_code == 200 and "500.00 INR" in page.text
    done = httpx.post(url, data={"action": "pay"})
    assert done.status_code == 200 and "razorpay_signature" in done.text
    assert rzp.order.fetch(order["id"])["status"] == "paid"
