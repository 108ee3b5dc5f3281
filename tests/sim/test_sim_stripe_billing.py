"""Customers, Prices, Subscriptions and Invoices in today's API shape."""

from __future__ import annotations

import pytest
import stripe

from pspsim.testing import SimHandle

from .helpers import check, control
from .receiver import Receiver, wait_for

pytestmark = pytest.mark.timeout(60)


def _subscription(client: stripe.StripeClient) -> stripe.Subscription:
    customer = check("PostCustomers", client.v1.customers.create(params={"email": "a@example.com"}))
    price = check(
        "PostPrices",
        client.v1.prices.create(
            params={
                "unit_amount": 1999,
                "currency": "usd",
                "recurring": {"interval": "month"},
                "product_data": {"name": "Pro"},
            }
        ),
    )
    sub = client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": price.id}],
            "payment_behavior": "default_incomplete",
            "metadata": {"account_id": "acct_1"},
            "expand": ["latest_invoice.payments"],
        }
    )
    return check("PostSubscriptions", sub)


def test_incomplete_until_first_invoice_paid(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub = _subscription(stripe_client)
    assert sub.status == "incomplete"
    invoice = sub.latest_invoice
    assert isinstance(invoice, stripe.Invoice) and invoice.status == "open"
    assert invoice.payments is not None
    failed = control(
        simulator, "POST", f"/stripe/subscriptions/{sub.id}/pay_first_invoice", {"outcome": "fail"}
    )
    assert failed["subscription"]["status"] == "incomplete"
    control(
        simulator,
        "POST",
        f"/stripe/subscriptions/{sub.id}/pay_first_invoice",
        {"outcome": "succeed"},
    )
    sub = check(
        "GetSubscriptionsSubscriptionExposedId", stripe_client.v1.subscriptions.retrieve(sub.id)
    )
    assert sub.status == "active"
    item = sub["items"]["data"][0]
    assert item["current_period_end"] > item["current_period_start"]
    paid = check("GetInvoicesInvoice", stripe_client.v1.invoices.retrieve(invoice.id))
    assert paid.status == "paid" and paid.amount_paid == 1999
    assert paid.parent.subscription_details.subscription == sub.id  # type: ignore[union-attr]
    event = wait_for(lambda: receiver.stripe_events("invoice.paid"))[0]
    assert "subscription" not in event["data"]["object"]
    updated = wait_for(lambda: receiver.stripe_events("customer.subscription.updated"))
    assert updated[-1]["data"]["previous_attributes"]["status"] == "incomplete"


def test_renewals_paid_and_failed_then_dunning(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub = _subscription(stripe_client)
    control(
        simulator,
        "POST",
        f"/stripe/subscriptions/{sub.id}/pay_first_invoice",
        {"outcome": "succeed"},
    )
    period_end = sub["items"]["data"][0]["current_period_end"]
    renewed = control(
        simulator, "POST", f"/stripe/subscriptions/{sub.id}/renew", {"outcome": "succeed"}
    )
    assert renewed["invoice"]["status"] == "paid"
    assert renewed["subscription"]["items"]["data"][0]["current_period_start"] == period_end
    failed = control(
        simulator, "POST", f"/stripe/subscriptions/{sub.id}/renew", {"outcome": "fail"}
    )
    assert failed["subscription"]["status"] == "past_due"
    assert failed["invoice"]["status"] == "open"
    wait_for(lambda: receiver.stripe_events("invoice.payment_failed"))
    invoice_id = failed["invoice"]["id"]
    paid = control(simulator, "POST", f"/stripe/invoices/{invoice_id}/pay", {"outcome": "succeed"})
    assert paid["subscription"]["status"] == "active"
    statuses = [
        e["data"]["object"]["status"]
        for e in wait_for(
            lambda: (
                len(receiver.stripe_events("customer.subscription.updated")) >= 4
                and receiver.stripe_events("customer.subscription.updated")
            )
        )
    ]
    assert statuses[-2:] == ["past_due", "active"]


def test_cancel_by_api_and_by_psp(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub = _subscription(stripe_client)
    canceled = check(
        "DeleteSubscriptionsSubscriptionExposedId", stripe_client.v1.subscriptions.cancel(sub.id)
    )
    assert canceled.status == "canceled" and canceled.canceled_at is not None
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.subscriptions.cancel(sub.id)
    other = _subscription(stripe_client)
    control(simulator, "POST", f"/stripe/subscriptions/{other.id}/cancel")
    deleted = wait_for(lambda: len(receiver.stripe_events("customer.subscription.deleted")) == 2)
    assert deleted


def test_a_voided_first_invoice_can_no_longer_be_paid(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    sub = _subscription(stripe_client)
    invoice = sub.latest_invoice
    assert isinstance(invoice, stripe.Invoice) and invoice.id
    voided = stripe_client.v1.invoices.void_invoice(invoice.id)
    assert voided.status == "void" and voided.status_transitions.voided_at is not None
    pi_id = invoice.payments.data[0].payment.payment_intent  # type: ignore[union-attr]
    pi = stripe_client.v1.payment_intents.retrieve(str(pi_id))
    assert pi.status == "canceled" and pi.cancellation_reason == "void_invoice"
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.invoices.pay(invoice.id)
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.payment_intents.confirm(
            str(pi_id), params={"payment_method": "pm_card_visa"}
        )
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.invoices.void_invoice(invoice.id)  # void is final
    assert wait_for(lambda: receiver.stripe_events("invoice.voided"))


def test_a_paid_invoice_cannot_be_voided(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    sub = _subscription(stripe_client)
    control(
        simulator,
        "POST",
        f"/stripe/subscriptions/{sub.id}/pay_first_invoice",
        {"outcome": "succeed"},
    )
    invoice = sub.latest_invoice
    assert isinstance(invoice, stripe.Invoice) and invoice.id
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.invoices.void_invoice(invoice.id)
    assert stripe_client.v1.invoices.retrieve(invoice.id).status == "paid"


def test_subscription_mode_checkout(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    price = stripe_client.v1.prices.create(
        params={
            "unit_amount": 500,
            "currency": "usd",
            "recurring": {"interval": "year"},
            "product_data": {"name": "Yearly"},
        }
    )
    session = stripe_client.v1.checkout.sessions.create(
        params={
            "mode": "subscription",
            "line_items": [{"price": price.id, "quantity": 1}],
            "success_url": "https://merchant.example/ok",
        }
    )
    body = control(
        simulator, "POST", f"/stripe/checkout/sessions/{session.id}/pay", {"outcome": "succeed"}
    )
    sub = stripe_client.v1.subscriptions.retrieve(body["subscription"])
    assert sub.status == "active"
