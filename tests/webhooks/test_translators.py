"""Pure translators: recorded PSP payloads → PspEvent, and what they refuse to route."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sagas.domain.psp_events import Gateway, PspEventKind
from sagas.gateways.razorpay.events.envelope import parse as rzp_parse
from sagas.gateways.razorpay.events.translation import translate as rzp_translate
from sagas.gateways.stripe.events.envelope import parse as stp_parse
from sagas.gateways.stripe.events.translation import translate as stp_translate
from sagas.webhooks.errors import IgnoredEvent, MalformedEvent

FIXTURES = Path(__file__).parent / "fixtures"


def stripe_fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "stripe" / f"{name}.json").read_text())
    return data


@pytest.mark.parametrize(
    ("name", "kind", "object_id", "payment_id"),
    [
        (
            "payment_intent.succeeded",
            PspEventKind.PAYMENT_SUCCEEDED,
            "pi_3QexamplePI0001",
            "pi_3QexamplePI0001",
        ),
        (
            "payment_intent.payment_failed",
            PspEventKind.PAYMENT_FAILED,
            "pi_3QexamplePI0001",
            "pi_3QexamplePI0001",
        ),
        (
            "checkout.session.completed",
            PspEventKind.CHECKOUT_COMPLETED,
            "cs_test_a1ExampleCheckoutSession0001",
            "pi_3QexamplePI0003",
        ),
        (
            "checkout.session.expired",
            PspEventKind.CHECKOUT_EXPIRED,
            "cs_test_a1ExampleCheckoutSession0001",
            None,
        ),
        ("refund.updated", PspEventKind.REFUND_UPDATED, "re_3QexampleRe0001", "pi_3QexamplePI0001"),
        ("refund.failed", PspEventKind.REFUND_UPDATED, "re_3QexampleRe0001", "pi_3QexamplePI0001"),
        (
            "charge.refunded",
            PspEventKind.REFUND_UPDATED,
            "ch_3QexampleCh0001",
            "pi_3QexamplePI0001",
        ),
        ("invoice.paid", PspEventKind.INVOICE_PAID, "in_1QexampleIn0002", None),
        ("invoice.payment_failed", PspEventKind.INVOICE_PAYMENT_FAILED, "in_1QexampleIn0002", None),
        (
            "customer.subscription.updated",
            PspEventKind.SUBSCRIPTION_UPDATED,
            "sub_1QexampleSub0001",
            None,
        ),
    ],
)
def test_stripe_fixtures_translate(
    name: str, kind: PspEventKind, object_id: str, payment_id: str | None
) -> None:
    raw = stripe_fixture(name)
    event = stp_translate(stp_parse(json.dumps(raw).encode()))
    assert (event.gateway, event.kind, event.object_id, event.payment_id) == (
        Gateway.STRIPE,
        kind,
        object_id,
        payment_id,
    )
    assert event.event_id == raw["id"] and event.event_type == raw["type"]
    assert event.occurred_at is not None


def test_stripe_ids_from_metadata_and_2026_invoice_shape() -> None:
    pi = stripe_fixture("payment_intent.succeeded")
    pi["data"]["object"]["metadata"] = {"checkout_id": "co_1", "order_id": "ord_1"}
    event = stp_translate(pi)
    assert event.checkout_id == "co_1" and event.amount_minor == 2000 and event.currency == "usd"
    invoice = stp_translate(stripe_fixture("invoice.paid"))
    assert invoice.gateway_subscription_id == "sub_1QexampleSub0001"
    assert invoice.gateway_invoice_id == "in_1QexampleIn0002"
    refund = stp_translate(stripe_fixture("refund.updated"))
    assert refund.gateway_refund_id == "re_3QexampleRe0001" and refund.status == "succeeded"


@pytest.mark.parametrize("bad", [123, ["co_1"], {"id": "co_1"}, True])
def test_stripe_metadata_of_the_wrong_type_is_ignored(bad: Any) -> None:
    raw = stripe_fixture("payment_intent.succeeded")
    raw["data"]["object"]["metadata"] = {"checkout_id": bad}
    with pytest.raises(IgnoredEvent, match=r"metadata\.checkout_id"):
        stp_translate(raw)
    raw["data"]["object"]["metadata"] = "co_1"
    with pytest.raises(IgnoredEvent, match="metadata is str"):
        stp_translate(raw)


def test_stripe_unhandled_type_and_missing_object_are_ignored() -> None:
    raw = stripe_fixture("payment_intent.succeeded")
    with pytest.raises(IgnoredEvent, match="not handled"):
        stp_translate({**raw, "type": "payout.paid"})
    with pytest.raises(IgnoredEvent, match=r"data\.object"):
        stp_translate({**raw, "data": {"object": "pi_1"}})


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1,2]",
        b'{"type": "payment_intent.succeeded"}',
        b'{"id": 5, "type": "x"}',
        b'{"id": "evt_1"}',
    ],
)
def test_stripe_malformed_envelopes(body: bytes) -> None:
    with pytest.raises(MalformedEvent):
        stp_parse(body)


def razorpay_envelope(event: str, **entities: dict[str, Any]) -> dict[str, Any]:
    return {
        "entity": "event",
        "account_id": "acc_1",
        "event": event,
        "contains": list(entities),
        "payload": {name: {"entity": entity} for name, entity in entities.items()},
        "created_at": 1767225660,
    }


def test_razorpay_sdk_mock_translates() -> None:
    raw = (FIXTURES / "razorpay" / "payment.authorized.json").read_bytes()
    event = rzp_translate(rzp_parse(raw, "evt_rzp_1"), "evt_rzp_1")
    assert event.kind is PspEventKind.PAYMENT_AUTHORIZED
    assert event.payment_id == "pay_6koWN7bvxujzxM"
    assert event.gateway_object_id == "order_100000000order"
    assert event.amount_minor == 1000000 and event.currency == "INR"
    assert event.checkout_id is None  # notes without our keys


def test_razorpay_order_paid_refund_and_subscription() -> None:
    payment = {"id": "pay_1", "order_id": "order_1", "amount": 500, "currency": "INR", "notes": []}
    order = {"id": "order_1", "notes": {"checkout_id": "co_9"}}
    paid = rzp_translate(razorpay_envelope("order.paid", payment=payment, order=order), "e1")
    assert (paid.kind, paid.object_id, paid.gateway_object_id, paid.checkout_id) == (
        PspEventKind.PAYMENT_SUCCEEDED,
        "pay_1",
        "order_1",
        "co_9",
    )
    refund = {"id": "rfnd_1", "payment_id": "pay_1", "amount": 100, "notes": {"refund_id": "rf_1"}}
    ref = rzp_translate(razorpay_envelope("refund.processed", refund=refund, payment=payment), "e2")
    assert (ref.kind, ref.refund_id, ref.gateway_refund_id) == (
        PspEventKind.REFUND_UPDATED,
        "rf_1",
        "rfnd_1",
    )
    sub = {"id": "sub_1", "status": "active", "notes": {"subscription_id": "s_1"}}
    charged = rzp_translate(
        razorpay_envelope("subscription.charged", subscription=sub, payment=payment), "e3"
    )
    assert (charged.kind, charged.subscription_id, charged.payment_id) == (
        PspEventKind.INVOICE_PAID,
        "s_1",
        "pay_1",
    )


def test_razorpay_wrong_types_and_unknown_events_are_ignored() -> None:
    payment = {"id": "pay_1", "order_id": "order_1", "notes": {"checkout_id": 42}}
    with pytest.raises(IgnoredEvent, match=r"notes\.checkout_id is int"):
        rzp_translate(razorpay_envelope("payment.captured", payment=payment), "e")
    with pytest.raises(IgnoredEvent, match="not handled"):
        rzp_translate(razorpay_envelope("invoice.expired", payment=payment), "e")
    with pytest.raises(IgnoredEvent, match=r"payload\.payment\.entity"):
        rzp_translate(razorpay_envelope("payment.captured"), "e")


@pytest.mark.parametrize(
    ("body", "event_id"), [(b"{}", "e"), (b"nope", "e"), (b'{"event": "payment.captured"}', None)]
)
def test_razorpay_malformed(body: bytes, event_id: str | None) -> None:
    with pytest.raises(MalformedEvent):
        rzp_parse(body, event_id)
