"""The PSPs bill by themselves on the simulator's clock (CONTRACT section 12).

No per-renewal control call here: renewals, trial conversions and retries happen at
period ends reached with `POST /_sim/clock/advance`; the saved default method is
charged, behaving as `PUT .../customers/{id}/default_payment_method` (Stripe) or
`.../payment_method` (Razorpay) says.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
import razorpay
import stripe

from pspsim.clock import SimClock
from pspsim.config import SimConfig
from pspsim.testing import SimHandle, running_simulator

from .helpers import check, control
from .receiver import Receiver, wait_for
from .stripe_schema import validate

pytestmark = pytest.mark.timeout(60)
DAY = 86400


def _advance(sim: SimHandle, days: float) -> dict[str, Any]:
    answer: dict[str, Any] = control(sim, "POST", "/clock/advance", {"seconds": int(days * DAY)})
    return answer


def _to_period_end(sim: SimHandle, sub: Any) -> None:
    """Advance exactly to the subscription's current period end (months differ)."""
    end = int(sub["items"]["data"][0]["current_period_end"])
    seconds = max(0, end - control(sim, "GET", "/clock")["now"])
    control(sim, "POST", "/clock/advance", {"seconds": seconds})


def _raw(obj: object) -> dict[str, Any]:
    data = getattr(obj, "last_response").data  # noqa: B009 - the SDK's raw body
    assert isinstance(data, dict)
    return data


def _price(client: stripe.StripeClient, interval: str = "month") -> stripe.Price:
    return client.v1.prices.create(
        params={
            "unit_amount": 1500,
            "currency": "usd",
            "recurring": {"interval": interval},
            "product_data": {"name": "Pro"},
        }
    )


def _paid_subscription(
    client: stripe.StripeClient, *, save: bool = True
) -> tuple[stripe.Subscription, str]:
    """A subscription whose first invoice the payer paid with `pm_card_visa`."""
    customer = client.v1.customers.create(params={"email": "r@example.com"})
    params: dict[str, Any] = {
        "customer": customer.id,
        "items": [{"price": _price(client).id}],
        "payment_behavior": "default_incomplete",
        "expand": ["latest_invoice.confirmation_secret"],
    }
    if save:
        params["payment_settings"] = {"save_default_payment_method": "on_subscription"}
    sub = client.v1.subscriptions.create(params=params)
    invoice = client.v1.invoices.retrieve(str(sub.latest_invoice.id))  # type: ignore[union-attr]
    pi_id = invoice["payments"]["data"][0]["payment"]["payment_intent"]
    client.v1.payment_intents.confirm(pi_id, params={"payment_method": "pm_card_visa"})
    return client.v1.subscriptions.retrieve(sub.id), customer.id


def test_renewals_charge_the_saved_default_by_themselves(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub, _ = _paid_subscription(stripe_client)
    assert sub.status == "active"
    assert sub.default_payment_method and str(sub.default_payment_method).startswith("pm_")
    ends = [sub["items"]["data"][0]["current_period_end"]]
    for _ in range(3):
        _advance(simulator, 31)
        sub = stripe_client.v1.subscriptions.retrieve(sub.id)
        validate("subscription", _raw(sub))
        assert sub.status == "active"
        ends.append(sub["items"]["data"][0]["current_period_end"])
    assert ends == sorted(set(ends)) and len(ends) == 4
    paid = wait_for(lambda: len(receiver.stripe_events("invoice.paid")) == 4 or None)
    assert paid
    cycles = [
        e
        for e in receiver.stripe_events("invoice.paid")
        if e["data"]["object"]["billing_reason"] == "subscription_cycle"
    ]
    assert len(cycles) == 3
    assert all(e["data"]["object"]["amount_paid"] == 1500 for e in cycles)


def test_no_saved_method_fails_and_retries_run_out_to_cancellation(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub, _ = _paid_subscription(stripe_client, save=False)
    assert sub.default_payment_method is None
    _to_period_end(simulator, sub)
    sub = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert sub.status == "past_due"  # never "the card last tried"
    invoice = stripe_client.v1.invoices.retrieve(str(sub.latest_invoice))
    assert invoice.status == "open" and invoice.attempt_count == 1
    assert invoice.next_payment_attempt is not None
    _advance(simulator, 8)  # Stripe's retries on days 1, 3, 5 and 7, then it gives up
    sub = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert sub.status == "canceled"
    assert sub.cancellation_details and sub.cancellation_details.reason == "payment_failed"
    invoice = stripe_client.v1.invoices.retrieve(invoice.id)
    assert invoice.attempt_count == 5 and invoice.next_payment_attempt is None
    failed = wait_for(lambda: len(receiver.stripe_events("invoice.payment_failed")) == 5 or None)
    assert failed
    wait_for(lambda: receiver.stripe_events("customer.subscription.deleted"))


def test_a_declining_card_goes_past_due_and_recovers_on_a_retry(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub, customer = _paid_subscription(stripe_client)
    control(
        simulator,
        "PUT",
        f"/stripe/customers/{customer}/default_payment_method",
        {"outcome": "decline"},
    )
    _to_period_end(simulator, sub)
    assert stripe_client.v1.subscriptions.retrieve(sub.id).status == "past_due"
    control(
        simulator,
        "PUT",
        f"/stripe/customers/{customer}/default_payment_method",
        {"outcome": "succeed"},
    )
    _advance(simulator, 1)
    sub = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert sub.status == "active"
    invoice = stripe_client.v1.invoices.retrieve(str(sub.latest_invoice))
    assert invoice.status == "paid" and invoice.attempt_count == 2
    wait_for(lambda: receiver.stripe_events("invoice.payment_failed"))


def test_renewal_needing_authentication_is_paid_on_the_hosted_invoice_page(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub, customer = _paid_subscription(stripe_client)
    control(
        simulator,
        "PUT",
        f"/stripe/customers/{customer}/default_payment_method",
        {"outcome": "authenticate"},
    )
    _to_period_end(simulator, sub)
    sub = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert sub.status == "past_due"
    invoice = stripe_client.v1.invoices.retrieve(str(sub.latest_invoice))
    assert invoice.status == "open" and invoice.hosted_invoice_url
    event = wait_for(lambda: receiver.stripe_events("invoice.payment_action_required"))
    assert event[0]["data"]["object"]["id"] == invoice.id
    page = httpx.get(invoice.hosted_invoice_url, timeout=5)
    assert page.status_code == 200 and "Authenticate" in page.text
    done = httpx.post(invoice.hosted_invoice_url, data={"action": "pay"}, timeout=5)
    assert done.status_code == 200, done.text
    assert stripe_client.v1.invoices.retrieve(invoice.id).status == "paid"
    assert stripe_client.v1.subscriptions.retrieve(sub.id).status == "active"


def test_a_trial_collects_the_card_up_front_and_converts_off_session(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    customer = stripe_client.v1.customers.create(params={"email": "t@example.com"})
    sub = stripe_client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": _price(stripe_client).id}],
            "trial_period_days": 7,
            "payment_behavior": "default_incomplete",
            "payment_settings": {"save_default_payment_method": "on_subscription"},
            "expand": ["pending_setup_intent"],
        }
    )
    validate("subscription", _raw(sub))
    assert sub.status == "trialing" and sub.trial_end and sub.trial_start
    si = sub.pending_setup_intent
    assert isinstance(si, stripe.SetupIntent) and si.client_secret
    assert si.status == "requires_payment_method"
    assert sub["items"]["data"][0]["current_period_end"] == sub.trial_end
    control(simulator, "POST", f"/stripe/setup_intents/{si.id}/confirm", {"outcome": "succeed"})
    sub = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert sub.pending_setup_intent is None and sub.default_payment_method
    _advance(simulator, 7)
    sub = stripe_client.v1.subscriptions.retrieve(sub.id)
    assert sub.status == "active"
    invoice = stripe_client.v1.invoices.retrieve(str(sub.latest_invoice))
    assert invoice.status == "paid" and invoice.amount_paid == 1500
    wait_for(lambda: receiver.stripe_events("setup_intent.succeeded"))


def test_a_trial_without_a_card_fails_at_its_end(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    customer = stripe_client.v1.customers.create(params={"email": "n@example.com"})
    sub = stripe_client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": _price(stripe_client).id}],
            "trial_period_days": 3,
        }
    )
    _advance(simulator, 3)
    assert stripe_client.v1.subscriptions.retrieve(sub.id).status == "past_due"


def test_setup_intents_api(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    customer = stripe_client.v1.customers.create(params={"email": "s@example.com"})
    si = stripe_client.v1.setup_intents.create(params={"customer": customer.id})
    validate("setup_intent", _raw(si))
    assert si.status == "requires_payment_method" and si.usage == "off_session"
    done = stripe_client.v1.setup_intents.confirm(si.id, params={"payment_method": "pm_card_visa"})
    assert done.status == "succeeded" and str(done.payment_method).startswith("pm_")
    again = stripe_client.v1.setup_intents.create(params={"customer": customer.id})
    with pytest.raises(stripe.CardError):
        stripe_client.v1.setup_intents.confirm(
            again.id, params={"payment_method": "pm_card_chargeDeclined"}
        )
    assert stripe_client.v1.setup_intents.retrieve(again.id).last_setup_error is not None
    three_ds = stripe_client.v1.setup_intents.create(
        params={
            "customer": customer.id,
            "payment_method": "pm_card_authenticationRequiredOnSetup",
            "confirm": True,
        }
    )
    assert three_ds.status == "requires_action" and three_ds.next_action
    control(
        simulator, "POST", f"/stripe/setup_intents/{three_ds.id}/confirm", {"outcome": "succeed"}
    )
    assert stripe_client.v1.setup_intents.retrieve(three_ds.id).status == "succeeded"
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.setup_intents.retrieve("seti_missing")
    bad = simulator.control("POST", f"/stripe/setup_intents/{si.id}/confirm", {"outcome": "x"})
    assert bad.status_code == 400
    wait_for(lambda: receiver.stripe_events("setup_intent.setup_failed"))
    updated = stripe_client.v1.customers.update(
        customer.id,
        params={"invoice_settings": {"default_payment_method": str(done.payment_method)}},
    )
    assert updated.invoice_settings.default_payment_method == done.payment_method


def test_clock_advance_refuses_bad_input(simulator: SimHandle) -> None:
    for body in ({"seconds": -1}, {"seconds": "1"}, {}, {"seconds": True}):
        assert simulator.control("POST", "/clock/advance", body).status_code == 400
    before = control(simulator, "GET", "/clock")["now"]
    after = _advance(simulator, 2)
    assert after["now"] >= before + 2 * DAY and after["offset_s"] >= 2 * DAY


def _razorpay_subscription(
    rzp: razorpay.Client, **extra: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    customer = rzp.customer.create(
        {
            "name": "Asha",
            "email": "asha@example.com",
            "contact": "+919000000001",
            "fail_existing": "0",
        }
    )
    plan = rzp.plan.create(
        {
            "period": "monthly",
            "interval": 1,
            "item": {"name": "Pro", "amount": 49900, "currency": "INR"},
        }
    )
    sub = rzp.subscription.create(
        {"plan_id": plan["id"], "total_count": 12, "customer_id": customer["id"], **extra}
    )
    return sub, customer


def test_razorpay_charges_the_saved_card_by_itself(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    sub, customer = _razorpay_subscription(rzp)
    again = rzp.customer.create(
        {
            "name": "Asha",
            "email": "asha@example.com",
            "contact": "+919000000001",
            "fail_existing": "0",
        }
    )
    assert again["id"] == customer["id"]
    with pytest.raises(razorpay.errors.BadRequestError):
        rzp.customer.create(
            {"name": "Asha", "email": "asha@example.com", "contact": "+919000000001"}
        )
    assert rzp.customer.fetch(customer["id"])["email"] == "asha@example.com"
    control(simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/authenticate_and_charge", {})
    for _ in range(3):
        _advance(simulator, 31)
    fetched = rzp.subscription.fetch(sub["id"])
    assert fetched["status"] == "active" and fetched["paid_count"] == 4
    wait_for(lambda: len(receiver.razorpay_events("subscription.charged")) == 4 or None)
    control(
        simulator,
        "PUT",
        f"/razorpay/customers/{customer['id']}/payment_method",
        {"outcome": "decline"},
    )
    to_charge = fetched["charge_at"] - control(simulator, "GET", "/clock")["now"]
    control(simulator, "POST", "/clock/advance", {"seconds": to_charge})
    assert rzp.subscription.fetch(sub["id"])["status"] == "pending"
    _advance(simulator, 1)
    assert rzp.subscription.fetch(sub["id"])["status"] == "pending"
    control(
        simulator,
        "PUT",
        f"/razorpay/customers/{customer['id']}/payment_method",
        {"outcome": "succeed"},
    )
    _advance(simulator, 1)
    fetched = rzp.subscription.fetch(sub["id"])
    assert fetched["status"] == "active" and fetched["paid_count"] == 5
    control(
        simulator,
        "PUT",
        f"/razorpay/customers/{customer['id']}/payment_method",
        {"outcome": "decline"},
    )
    _advance(simulator, 31 + 4)
    assert rzp.subscription.fetch(sub["id"])["status"] == "halted"
    wait_for(lambda: receiver.razorpay_events("subscription.halted"))
    bad = simulator.control("PUT", "/razorpay/customers/cust_missing/payment_method", {})
    assert bad.status_code == 400


def test_razorpay_trial_authenticates_then_charges_at_its_start(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    now = control(simulator, "GET", "/clock")["now"]
    sub, _ = _razorpay_subscription(rzp, start_at=now + 7 * DAY)
    auth = control(
        simulator, "POST", f"/razorpay/subscriptions/{sub['id']}/authenticate_and_charge", {}
    )
    assert auth["payment"]["amount"] == 500 and auth["razorpay_signature"]
    assert rzp.subscription.fetch(sub["id"])["status"] == "authenticated"
    _advance(simulator, 7)
    fetched = rzp.subscription.fetch(sub["id"])
    assert fetched["status"] == "active" and fetched["paid_count"] == 1
    assert fetched["current_start"] == now + 7 * DAY
    wait_for(lambda: receiver.razorpay_events("subscription.charged"))
    with pytest.raises(razorpay.errors.BadRequestError):
        rzp.subscription.create(
            {"plan_id": fetched["plan_id"], "total_count": 2, "start_at": now - 10}
        )


def test_time_scale_and_the_ticker() -> None:
    """On a short day the simulator renews in real time, with no clock call at all."""
    assert SimConfig.from_env({"SIM_SECONDS_PER_DAY": "10"}).seconds_per_day == 10
    clock = SimClock(10)
    assert clock.add_interval(1000, "month", 1) == 1300
    assert clock.add_interval(1000, "week", 2) == 1140
    config = SimConfig(port=0, seconds_per_day=1, billing_tick_s=0.1, seed=3)
    with running_simulator(config) as handle:
        client = stripe.StripeClient(
            "sk_test_sagas_dev", base_addresses={"api": handle.stripe_base}
        )
        sub, _ = _paid_subscription(client)  # a month is 30 s on this clock
        day_price = _price(client, "day")
        daily = client.v1.subscriptions.create(
            params={
                "customer": str(sub.customer),
                "items": [{"price": day_price.id}],
                "default_payment_method": str(sub.default_payment_method),
            }
        )
        assert daily.status == "active"
        first_end = daily["items"]["data"][0]["current_period_end"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            current = client.v1.subscriptions.retrieve(daily.id)
            if current["items"]["data"][0]["current_period_end"] >= first_end + 2:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the simulator did not renew on its own")
        assert current.status == "active"
        check("GetSubscriptionsSubscriptionExposedId", current)
