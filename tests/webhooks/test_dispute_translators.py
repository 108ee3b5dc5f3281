"""Dispute events → ``PspEvent`` (kind ``dispute_updated``, the PSP's dispute and payment
ids), from Stripe's official dispute example and Razorpay's dispute entity."""

from __future__ import annotations

import pytest

from sagas.domain.psp_events import Gateway, PspEventKind
from sagas.gateways.razorpay.events.translation import translate as rzp_translate
from sagas.gateways.stripe.events.translation import translate as stp_translate
from tests.webhooks.test_translators import razorpay_envelope, stripe_fixture

STRIPE_TYPES = [
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
    "charge.dispute.funds_withdrawn",
    "charge.dispute.funds_reinstated",
]
RAZORPAY_TYPES = ["created", "under_review", "action_required", "won", "lost", "closed"]


@pytest.mark.parametrize("event_type", STRIPE_TYPES)
def test_stripe_dispute_events(event_type: str) -> None:
    raw = stripe_fixture("charge.dispute.created")
    event = stp_translate({**raw, "type": event_type})
    assert event.gateway is Gateway.STRIPE and event.kind is PspEventKind.DISPUTE_UPDATED
    assert event.object_id == event.gateway_dispute_id == "dp_1Pgc71B7WZ01zgkWMevJiAUx"
    assert event.payment_id == "pi_3QexamplePI0001"
    assert (event.amount_minor, event.currency, event.status) == (1000, "usd", "needs_response")


def test_stripe_dispute_without_payment_intent_names_its_charge() -> None:
    raw = stripe_fixture("charge.dispute.created")
    raw["data"]["object"]["payment_intent"] = None
    assert stp_translate(raw).payment_id == "ch_1PgafuB7WZ01zgkWXYmPNZs8"


@pytest.mark.parametrize("name", RAZORPAY_TYPES)
def test_razorpay_dispute_events(name: str) -> None:
    payment = {"id": "pay_EsyWjHrfzb59eR", "order_id": "order_1", "notes": []}
    dispute = {
        "id": "disp_AHfqOvkldwsbqt",
        "entity": "dispute",
        "payment_id": "pay_EsyWjHrfzb59eR",
        "amount": 10000,
        "currency": "INR",
        "status": "open",
    }
    envelope = razorpay_envelope(f"payment.dispute.{name}", payment=payment, dispute=dispute)
    event = rzp_translate(envelope, "evt_1")
    assert event.kind is PspEventKind.DISPUTE_UPDATED
    assert event.object_id == event.gateway_dispute_id == "disp_AHfqOvkldwsbqt"
    assert event.payment_id == "pay_EsyWjHrfzb59eR" and event.amount_minor == 10000
