"""One sweep over every operation of Stripe's subset, each answer validated against its
OpenAPI schema (with exactly the drift NOTES.md lists skipped), and the timers that run
on their own: Razorpay's auto-refund and Stripe's refund settlement.
"""

from __future__ import annotations

import time

import pytest
import razorpay
import stripe

from pspsim.config import SimConfig
from pspsim.testing import SimHandle, running_simulator

from .helpers import control
from .stripe_schema import response_schema, validate_operation

pytestmark = pytest.mark.timeout(60)

ALL_OPERATIONS = {
    "PostPaymentIntents",
    "GetPaymentIntentsIntent",
    "PostPaymentIntentsIntentConfirm",
    "PostPaymentIntentsIntentCancel",
    "PostPaymentIntentsIntentCapture",
    "PostRefunds",
    "GetRefundsRefund",
    "PostCheckoutSessions",
    "GetCheckoutSessionsSession",
    "PostCheckoutSessionsSessionExpire",
    "PostPaymentLinks",
    "GetPaymentLinksPaymentLink",
    "PostPaymentLinksPaymentLink",
    "PostPrices",
    "PostProducts",
    "PostCustomers",
    "PostSubscriptions",
    "GetSubscriptionsSubscriptionExposedId",
    "DeleteSubscriptionsSubscriptionExposedId",
    "GetInvoicesInvoice",
    "GetEvents",
    "GetEventsId",
}


def test_every_operation_in_the_subset_validates(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    seen: set[str] = set()

    def ok(op: str, obj: object) -> object:
        validate_operation(op, obj.last_response.data)  # type: ignore[attr-defined]
        seen.add(op)
        return obj

    v1 = stripe_client.v1
    pi = ok(
        "PostPaymentIntents",
        v1.payment_intents.create(
            params={"amount": 900, "currency": "gbp", "capture_method": "manual"}
        ),
    )
    ok("GetPaymentIntentsIntent", v1.payment_intents.retrieve(pi.id))  # type: ignore[attr-defined]
    ok(
        "PostPaymentIntentsIntentConfirm",
        v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"}),
    )  # type: ignore[attr-defined]
    ok("PostPaymentIntentsIntentCapture", v1.payment_intents.capture(pi.id))  # type: ignore[attr-defined]
    other = v1.payment_intents.create(params={"amount": 900, "currency": "gbp"})
    ok("PostPaymentIntentsIntentCancel", v1.payment_intents.cancel(other.id))
    refund = ok("PostRefunds", v1.refunds.create(params={"payment_intent": pi.id, "amount": 100}))  # type: ignore[attr-defined]
    ok("GetRefundsRefund", v1.refunds.retrieve(refund.id))  # type: ignore[attr-defined]
    product = ok("PostProducts", v1.products.create(params={"name": "Thing"}))
    price = ok(
        "PostPrices",
        v1.prices.create(params={"product": product.id, "unit_amount": 800, "currency": "gbp"}),
    )  # type: ignore[attr-defined]
    session = ok(
        "PostCheckoutSessions",
        v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "line_items": [{"price": price.id, "quantity": 1}],
                "success_url": "https://m.example/ok",
            }
        ),
    )  # type: ignore[attr-defined]
    ok("GetCheckoutSessionsSession", v1.checkout.sessions.retrieve(session.id))  # type: ignore[attr-defined]
    ok("PostCheckoutSessionsSessionExpire", v1.checkout.sessions.expire(session.id))  # type: ignore[attr-defined]
    link = ok(
        "PostPaymentLinks",
        v1.payment_links.create(params={"line_items": [{"price": price.id, "quantity": 2}]}),
    )  # type: ignore[attr-defined]
    ok("GetPaymentLinksPaymentLink", v1.payment_links.retrieve(link.id))  # type: ignore[attr-defined]
    ok(
        "PostPaymentLinksPaymentLink",
        v1.payment_links.update(link.id, params={"metadata": {"k": "v"}}),
    )  # type: ignore[attr-defined]
    customer = ok("PostCustomers", v1.customers.create(params={"name": "Ann"}))
    monthly = v1.prices.create(
        params={
            "product": product.id,
            "unit_amount": 500,
            "currency": "gbp",
            "recurring": {"interval": "month"},
        }
    )
    sub = ok(
        "PostSubscriptions",
        v1.subscriptions.create(params={"customer": customer.id, "items": [{"price": monthly.id}]}),
    )  # type: ignore[attr-defined]
    control(
        simulator,
        "POST",
        f"/stripe/subscriptions/{sub.id}/pay_first_invoice",
        {"outcome": "succeed"},
    )  # type: ignore[attr-defined]
    got = ok("GetSubscriptionsSubscriptionExposedId", v1.subscriptions.retrieve(sub.id))  # type: ignore[attr-defined]
    ok("GetInvoicesInvoice", v1.invoices.retrieve(got.latest_invoice))  # type: ignore[attr-defined]
    ok("DeleteSubscriptionsSubscriptionExposedId", v1.subscriptions.cancel(sub.id))  # type: ignore[attr-defined]
    events = ok("GetEvents", v1.events.list(params={"limit": 100}))
    for event in events.data:  # type: ignore[attr-defined]
        ok("GetEventsId", v1.events.retrieve(event.id))
    assert seen == ALL_OPERATIONS
    assert all(response_schema(op) for op in ALL_OPERATIONS)


def test_timers_on_a_standalone_simulator() -> None:
    config = SimConfig(port=0, razorpay_auto_refund_after_s=0.2, refund_settle_after_s=0.1)
    with running_simulator(config) as sim:
        assert sim.stripe_base == f"{sim.base_url}/stripe"
        rzp = razorpay.Client(
            auth=(config.razorpay_key_id, config.razorpay_key_secret), base_url=sim.razorpay_base
        )
        order = rzp.order.create({"amount": 1000, "currency": "INR"})
        handoff = control(sim, "POST", f"/razorpay/orders/{order['id']}/pay", {"capture": "manual"})
        deadline = time.monotonic() + 5
        while rzp.payment.fetch(handoff["razorpay_payment_id"])["status"] != "refunded":
            assert time.monotonic() < deadline, "auto-refund did not happen"
            time.sleep(0.05)
        client = stripe.StripeClient("sk_test_sagas_dev", base_addresses={"api": sim.stripe_base})
        pi = client.v1.payment_intents.create(
            params={
                "amount": 600,
                "currency": "usd",
                "payment_method": "pm_card_visa",
                "confirm": True,
            }
        )
        refund = client.v1.refunds.create(params={"payment_intent": pi.id})
        while client.v1.refunds.retrieve(refund.id).status != "succeeded":
            assert time.monotonic() < deadline, "refund did not settle"
            time.sleep(0.05)


def test_config_from_environment() -> None:
    env = {
        "STRIPE_API_KEY": "sk_test_env",
        "STRIPE_WEBHOOK_SECRET": "whsec_env",
        "RAZORPAY_KEY_ID": "rzp_test_env",
        "PSP_SIM_PORT": "9999",
    }
    config = SimConfig.from_env(env, port=0)
    assert config.stripe_api_keys == ["sk_test_env"] and config.port == 0
    assert config.stripe_webhook_secret == "whsec_env"
    assert config.razorpay_key_id == "rzp_test_env"
    assert config.razorpay_key_secret == SimConfig().razorpay_key_secret
    assert SimConfig.from_env({}).port == 8090
