"""What the subscription saga needs beyond create/cancel: Stripe's subscription update
(cancel at period end), Stripe's invoice pay (dunning retries) and Razorpay's
subscription list (finding one a lost answer created).

Stripe answers are validated against the OpenAPI subset's `subscription` / `invoice`
schemas (the subset has no operation entry for these two routes; their 200 bodies are
those objects), and every webhook by the conftest when each test ends.
"""

from __future__ import annotations

import pytest
import razorpay
import stripe

from pspsim.testing import SimHandle

from .razorpay_shapes import assert_entity, assert_shape, mock
from .receiver import Receiver, wait_for
from .stripe_schema import validate

pytestmark = pytest.mark.timeout(60)


def _active(client: stripe.StripeClient, sim: SimHandle) -> stripe.Subscription:
    customer = client.v1.customers.create(params={"email": "b@example.com"})
    price = client.v1.prices.create(
        params={
            "unit_amount": 1200,
            "currency": "usd",
            "recurring": {"interval": "month"},
            "product_data": {"name": "Team"},
        }
    )
    sub = client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": price.id}],
            "payment_behavior": "default_incomplete",
            "payment_settings": {"save_default_payment_method": "on_subscription"},
            "metadata": {"subscription_id": "s_1"},
        }
    )
    paid = sim.control("POST", f"/stripe/subscriptions/{sub.id}/pay_first_invoice", {})
    assert paid.status_code == 200, paid.text
    return sub


def _raw(obj: object) -> dict[str, object]:
    data = getattr(obj, "last_response").data  # noqa: B009 - the SDK's raw body
    assert isinstance(data, dict)
    return data


def test_cancel_at_period_end_then_the_period_ends(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub = _active(stripe_client, simulator)
    end = sub["items"]["data"][0]["current_period_end"]
    updated = stripe_client.v1.subscriptions.update(
        sub.id, params={"cancel_at_period_end": True, "metadata": {"note": "leaving"}}
    )
    validate("subscription", _raw(updated))
    assert updated.status == "active" and updated.cancel_at_period_end
    assert updated.cancel_at == end and updated.canceled_at is not None
    assert updated.metadata.to_dict() == {"subscription_id": "s_1", "note": "leaving"}
    assert updated.cancellation_details.reason == "cancellation_requested"  # type: ignore[union-attr]
    event = wait_for(
        lambda: [
            e
            for e in receiver.stripe_events("customer.subscription.updated")
            if "cancel_at_period_end" in e["data"]["previous_attributes"]
        ]
    )[0]
    assert event["data"]["previous_attributes"]["cancel_at_period_end"] is False
    again = stripe_client.v1.subscriptions.update(sub.id, params={"cancel_at_period_end": True})
    assert again.cancel_at == end  # the same request twice changes nothing more
    ended = simulator.control("POST", f"/stripe/subscriptions/{sub.id}/renew", {})
    assert ended.status_code == 200, ended.text
    body = ended.json()
    assert body["invoice"] is None and body["subscription"]["status"] == "canceled"
    assert body["subscription"]["ended_at"] == end
    deleted = wait_for(lambda: receiver.stripe_events("customer.subscription.deleted"))
    assert deleted[0]["data"]["object"]["id"] == sub.id
    invoices = stripe_client.v1.invoices.list(params={"subscription": sub.id})
    assert len(invoices.data) == 1  # no renewal was billed
    with pytest.raises(stripe.InvalidRequestError, match="only update its cancellation"):
        stripe_client.v1.subscriptions.update(sub.id, params={"cancel_at_period_end": False})
    tagged = stripe_client.v1.subscriptions.update(sub.id, params={"metadata": {"k": "v"}})
    assert tagged.metadata["k"] == "v" and tagged.status == "canceled"


def test_update_takes_the_schedule_back_and_refuses_bad_input(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    sub = _active(stripe_client, simulator)
    stripe_client.v1.subscriptions.update(sub.id, params={"cancel_at_period_end": True})
    back = stripe_client.v1.subscriptions.update(sub.id, params={"cancel_at_period_end": False})
    validate("subscription", _raw(back))
    assert not back.cancel_at_period_end and back.cancel_at is None and back.canceled_at is None
    for params in (
        {"cancel_at_period_end": "maybe"},
        {"items": [{"price": "price_x"}]},
        {"cancellation_details": {"feedback": "meh"}},
        {"default_payment_method": "pm_nope", "metadata": {"x": "y"}},
    ):
        with pytest.raises(stripe.InvalidRequestError):
            stripe_client.v1.subscriptions.update(sub.id, params=params)  # type: ignore[arg-type]
    unchanged = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert "x" not in unchanged.metadata  # a refused update changes nothing
    renewed = simulator.control("POST", f"/stripe/subscriptions/{sub.id}/renew", {})
    assert renewed.json()["invoice"]["status"] == "paid"
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.subscriptions.update("sub_missing", params={"metadata": {"a": "b"}})


def test_invoice_pay_retries_with_the_card_on_file(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub = _active(stripe_client, simulator)
    failed = simulator.control("POST", f"/stripe/subscriptions/{sub.id}/renew", {"outcome": "fail"})
    invoice_id = failed.json()["invoice"]["id"]
    assert failed.json()["subscription"]["status"] == "past_due"
    customer = sub.customer
    declining = simulator.control(
        "PUT", f"/stripe/customers/{customer}/default_payment_method", {"outcome": "decline"}
    )
    assert declining.status_code == 200, declining.text
    with pytest.raises(stripe.CardError) as declined:
        stripe_client.v1.invoices.pay(invoice_id, options={"idempotency_key": "retry-1"})
    assert declined.value.code == "card_declined"
    with pytest.raises(stripe.CardError):  # the same key replays the answer, no new charge
        stripe_client.v1.invoices.pay(invoice_id, options={"idempotency_key": "retry-1"})
    still = stripe_client.v1.invoices.retrieve(invoice_id)
    assert still.status == "open" and still.attempt_count == 2
    knob = simulator.control(
        "PUT", f"/stripe/customers/{customer}/default_payment_method", {"outcome": "succeed"}
    )
    assert knob.status_code == 200, knob.text
    paid = stripe_client.v1.invoices.pay(invoice_id, options={"idempotency_key": "retry-2"})
    validate("invoice", _raw(paid))
    assert paid.status == "paid" and paid.attempt_count == 3 and paid.amount_paid == 1200
    assert stripe_client.v1.subscriptions.retrieve(sub.id).status == "active"
    wait_for(lambda: receiver.stripe_events("invoice.paid"))
    with pytest.raises(stripe.InvalidRequestError, match="already paid"):
        stripe_client.v1.invoices.pay(invoice_id)
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.invoices.pay(invoice_id, params={"forgive": True})
    bad = simulator.control(
        "PUT", f"/stripe/customers/{customer}/default_payment_method", {"outcome": "x"}
    )
    assert bad.status_code == 400


def test_invoice_pay_without_any_card_is_refused(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    customer = stripe_client.v1.customers.create(params={"email": "c@example.com"})
    price = stripe_client.v1.prices.create(
        params={
            "unit_amount": 900,
            "currency": "usd",
            "recurring": {"interval": "week"},
            "product_data": {"name": "Weekly"},
        }
    )
    sub = stripe_client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": price.id}],
            "payment_behavior": "default_incomplete",
        }
    )
    with pytest.raises(stripe.InvalidRequestError, match="no attached payment source"):
        stripe_client.v1.invoices.pay(str(sub.latest_invoice))
    paid = stripe_client.v1.invoices.pay(
        str(sub.latest_invoice), params={"payment_method": "pm_card_visa"}
    )
    assert paid.status == "paid"
    assert stripe_client.v1.subscriptions.retrieve(sub.id).status == "active"


def test_razorpay_subscription_list(simulator: SimHandle, rzp: razorpay.Client) -> None:
    plan = rzp.plan.create(
        {
            "period": "monthly",
            "interval": 1,
            "item": {"name": "Plus", "amount": 29900, "currency": "INR"},
        }
    )
    other = rzp.plan.create(
        {
            "period": "yearly",
            "interval": 1,
            "item": {"name": "Max", "amount": 99900, "currency": "INR"},
        }
    )
    made = [
        rzp.subscription.create(
            {"plan_id": plan["id"], "total_count": 6, "notes": {"subscription_id": f"s{i}"}}
        )
        for i in range(3)
    ]
    rzp.subscription.create({"plan_id": other["id"], "total_count": 2})
    listed = rzp.subscription.all({"plan_id": plan["id"]})
    assert_shape(listed, mock("subscription_collection"), "collection")
    assert_entity(listed)
    assert listed["count"] == 3
    assert [s["id"] for s in listed["items"]] == [s["id"] for s in reversed(made)]  # newest first
    page = rzp.subscription.all({"plan_id": plan["id"], "count": 1, "skip": 1})
    assert [s["notes"]["subscription_id"] for s in page["items"]] == ["s1"]
    assert rzp.subscription.all({"count": 100})["count"] == 4
    assert rzp.subscription.all({"from": made[0]["created_at"] + 10**6})["count"] == 0
    for bad in ({"count": 0}, {"count": 101}, {"skip": "x"}, {"from": "yesterday"}):
        with pytest.raises(razorpay.errors.BadRequestError):
            rzp.subscription.all(bad)
