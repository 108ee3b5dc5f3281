"""Webhook signing, retries and every fault's observable effect."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
import razorpay
import stripe
from razorpay.errors import ServerError

from pspsim.testing import SimHandle
from pspsim.webhooks.signing import (
    razorpay_payment_signature,
    razorpay_subscription_signature,
    razorpay_webhook_signature,
    stripe_signature_header,
)

from .helpers import control
from .receiver import Receiver, wait_for

pytestmark = pytest.mark.timeout(60)


def _log(sim: SimHandle, **filters: str) -> list[dict[str, Any]]:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return list(control(sim, "GET", f"/webhooks?{query}")["data"])


def _pi(client: stripe.StripeClient) -> stripe.PaymentIntent:
    return client.v1.payment_intents.create(params={"amount": 700, "currency": "usd"})


def test_signers_match_the_published_test_vectors() -> None:
    header = stripe_signature_header(
        '{"id":"evt_test","object":"event"}', "whsec_test_secret", 1767225660
    )
    assert header == (
        "t=1767225660,v1=409623931b30d4f43d276207a28ff6a9a0978a78aa9be6add3cadfe839cbd3b9"
    )
    assert razorpay_webhook_signature('{"event":"payment.captured"}', "webhook_secret") == (
        "63482aecf393ec15e418daab94dffe6cd7a1ddeec5ade268106920e9f1c8363d"
    )
    assert razorpay_payment_signature("order_123", "pay_456", "key_secret") == (
        "e9399a7d02de7a786498920c8dab819cad00efdd8e906e15c17a0428d0c63dee"
    )
    assert razorpay_subscription_signature("pay_456", "sub_789", "key_secret") == (
        "898de75a8497c284d6f1574461ef1f53aa34044a2e981a0dc8a0ffa5bf39debf"
    )


def test_health(simulator: SimHandle) -> None:
    assert control(simulator, "GET", "/health") == {"status": "ok"}


def test_non_2xx_is_retried_with_backoff(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    receiver.statuses = [500, 503]
    pi = _pi(stripe_client)
    wait_for(lambda: [e for e in _log(simulator) if e["succeeded"]])
    attempts = _log(simulator, type="payment_intent.created")
    assert [(a["attempt"], a["status_code"]) for a in attempts] == [(1, 500), (2, 503), (3, 200)]
    gaps = [b["timestamp"] - a["timestamp"] for a, b in itertools.pairwise(attempts)]
    assert gaps[0] >= 0.09 and gaps[1] >= 0.19
    copies = receiver.stripe_events("payment_intent.created")
    assert len(copies) == 3 and {c["data"]["object"]["id"] for c in copies} == {pi.id}
    events = stripe_client.v1.events.list(params={"type": "payment_intent.created"})
    assert events.data[0].pending_webhooks == 0


def test_retries_give_up_and_event_stays_undelivered(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    receiver.statuses = [500] * 10
    _pi(stripe_client)
    attempts = len(simulator.config.webhook_retry_schedule_s) + 1
    wait_for(lambda: len(_log(simulator)) == attempts, 5)
    time.sleep(0.5)
    assert len(_log(simulator)) == attempts
    undelivered = stripe_client.v1.events.list(params={"delivery_success": False})
    assert len(undelivered.data) == 1
    receiver.statuses = []


def test_drop(simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver) -> None:
    control(simulator, "PUT", "/faults", {"webhook_drop_rate": 1.0})
    order = rzp.order.create({"amount": 1000, "currency": "INR"})
    control(simulator, "POST", f"/razorpay/orders/{order['id']}/pay", {})
    log = wait_for(lambda: len(_log(simulator, gateway="razorpay")) >= 3 and _log(simulator))
    assert all(entry["dropped"] for entry in log)
    time.sleep(0.2)
    assert receiver.of("razorpay") == []


def test_duplicate(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    control(simulator, "PUT", "/faults", {"webhook_duplicate_rate": 1.0})
    _pi(stripe_client)
    copies = wait_for(lambda: len(receiver.of("stripe")) == 2 and receiver.of("stripe"))
    assert copies[0].body == copies[1].body
    assert [e["duplicate"] for e in _log(simulator)] == [False, True]


def test_duplicate_razorpay_keeps_event_id(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    control(simulator, "PUT", "/faults", {"webhook_duplicate_rate": 1.0})
    order = rzp.order.create({"amount": 1000, "currency": "INR"})
    control(simulator, "POST", f"/razorpay/orders/{order['id']}/pay", {"outcome": "decline"})
    copies = wait_for(lambda: len(receiver.of("razorpay")) == 2 and receiver.of("razorpay"))
    ids = {c.headers["X-Razorpay-Event-Id"] for c in copies}
    assert len(ids) == 1


def test_delay(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    control(simulator, "PUT", "/faults", {"webhook_delay_s": 0.5})
    started = time.monotonic()
    _pi(stripe_client)
    received = wait_for(lambda: receiver.of("stripe"))
    assert received[0].at - started >= 0.5


def test_reorder(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    control(simulator, "PUT", "/faults", {"webhook_reorder_rate": 1.0, "seed": 1})
    pi = _pi(stripe_client)
    stripe_client.v1.payment_intents.cancel(pi.id)
    events = wait_for(lambda: len(receiver.of("stripe")) == 2 and receiver.stripe_events())
    assert [e["type"] for e in events] == ["payment_intent.canceled", "payment_intent.created"]
    assert any(e["reordered"] for e in _log(simulator))


def test_api_errors_for_both_sdks(
    simulator: SimHandle, stripe_client: stripe.StripeClient, rzp: razorpay.Client
) -> None:
    control(simulator, "PUT", "/faults", {"api_error_rate": 1.0})
    with pytest.raises(stripe.APIError) as err:
        _pi(stripe_client)
    assert err.value.http_status == 500
    with pytest.raises(ServerError):
        rzp.order.create({"amount": 1000, "currency": "INR"})
    assert control(simulator, "GET", "/health") == {"status": "ok"}
    control(simulator, "PUT", "/faults", {"api_error_paths": ["/stripe/v1/refunds"]})
    assert _pi(stripe_client).status == "requires_payment_method"
    with pytest.raises(stripe.APIError):
        stripe_client.v1.refunds.create(params={"payment_intent": "pi_x"})
    assert control(simulator, "DELETE", "/faults")["api_error_rate"] == 0.0
    assert _pi(stripe_client).amount == 700


def test_api_latency(simulator: SimHandle, stripe_client: stripe.StripeClient) -> None:
    control(simulator, "PUT", "/faults", {"api_latency_s": 0.3})
    assert control(simulator, "GET", "/faults")["api_latency_s"] == 0.3
    started = time.monotonic()
    _pi(stripe_client)
    assert time.monotonic() - started >= 0.3


def test_bad_fault_settings_are_refused(simulator: SimHandle) -> None:
    assert simulator.control("PUT", "/faults", {"webhook_drop_rate": 2}).status_code == 400
    assert simulator.control("PUT", "/faults", {"nonsense": 1}).status_code == 400


def test_endpoints_can_be_repointed(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    control(simulator, "PUT", "/webhook_endpoints", {"stripe": None})
    _pi(stripe_client)
    time.sleep(0.2)
    assert receiver.of("stripe") == [] and _log(simulator) == []
    control(simulator, "PUT", "/webhook_endpoints", {"stripe": f"{receiver.base}/stripe/other"})
    _pi(stripe_client)
    received = wait_for(lambda: receiver.of("stripe"))
    assert received[0].path == "/stripe/other"
