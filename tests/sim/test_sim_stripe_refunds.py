"""Stripe refunds: never beyond what was captured; pending, then final by timer or control."""

from __future__ import annotations

import pytest
import stripe

from pspsim.testing import SimHandle

from .helpers import check, control
from .receiver import Receiver, wait_for

pytestmark = pytest.mark.timeout(60)


def _paid(client: stripe.StripeClient, amount: int = 5000) -> stripe.PaymentIntent:
    pi = client.v1.payment_intents.create(
        params={
            "amount": amount,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "confirm": True,
        }
    )
    assert pi.status == "succeeded"
    return pi


def test_partial_then_rest_then_nothing_left(stripe_client: stripe.StripeClient) -> None:
    pi = _paid(stripe_client)
    first = check(
        "PostRefunds",
        stripe_client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 2000}),
    )
    assert first.status == "pending" and first.amount == 2000
    with pytest.raises(stripe.InvalidRequestError) as err:
        stripe_client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 3001})
    assert err.value.param == "amount"
    rest = stripe_client.v1.refunds.create(params={"payment_intent": pi.id})
    assert rest.amount == 3000
    with pytest.raises(stripe.InvalidRequestError) as done:
        stripe_client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 1})
    assert done.value.code == "charge_already_refunded"


def test_refund_of_uncaptured_intent_is_refused(stripe_client: stripe.StripeClient) -> None:
    pi = stripe_client.v1.payment_intents.create(
        params={
            "amount": 5000,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "confirm": True,
            "capture_method": "manual",
        }
    )
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.refunds.create(params={"payment_intent": pi.id})


def test_pending_settles_on_the_timer(
    stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    refund = stripe_client.v1.refunds.create(params={"payment_intent": _paid(stripe_client).id})
    wait_for(lambda: stripe_client.v1.refunds.retrieve(refund.id).status == "succeeded", 5)
    check("GetRefundsRefund", stripe_client.v1.refunds.retrieve(refund.id))
    updated = wait_for(lambda: receiver.stripe_events("refund.updated"))
    assert updated[0]["data"]["previous_attributes"] == {"status": "pending"}
    refunded = wait_for(lambda: receiver.stripe_events("charge.refunded"))
    assert refunded[0]["data"]["object"]["amount_refunded"] == 5000


def test_control_fail_returns_the_amount(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    control(
        simulator,
        "PUT",
        "/refund_behaviour",
        {"gateway": "stripe", "final_status": "failed", "settle_after_s": None},
    )
    pi = _paid(stripe_client)
    refund = stripe_client.v1.refunds.create(params={"payment_intent": pi.id})
    assert refund.status == "pending"
    settled = control(simulator, "POST", f"/stripe/refunds/{refund.id}/settle", {"outcome": "fail"})
    assert settled["status"] == "failed"
    wait_for(lambda: receiver.stripe_events("refund.failed"))
    again = stripe_client.v1.refunds.create(params={"payment_intent": pi.id})
    assert again.amount == 5000


def test_sync_success_then_webhook_says_failed(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    control(
        simulator,
        "PUT",
        "/refund_behaviour",
        {
            "gateway": "stripe",
            "sync_status": "succeeded",
            "final_status": "failed",
            "settle_after_s": 0.1,
        },
    )
    refund = stripe_client.v1.refunds.create(params={"payment_intent": _paid(stripe_client).id})
    assert refund.status == "succeeded"
    failed = wait_for(lambda: receiver.stripe_events("refund.failed"))
    assert failed[0]["data"]["object"]["id"] == refund.id
    assert stripe_client.v1.refunds.retrieve(refund.id).status == "failed"
