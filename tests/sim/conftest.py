"""Fixtures: one simulator and one webhook receiver for the whole module run, reset
between tests; every webhook a test caused is verified with the SDKs' own verification
and validated in shape when the test ends.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import razorpay
import stripe

from pspsim.config import SimConfig
from pspsim.testing import SimHandle, running_simulator

from .razorpay_shapes import assert_entity
from .receiver import Receiver
from .stripe_schema import validate_event

STRIPE_KEY = "sk_test_sagas_dev"


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    rec = Receiver()
    rec.start()
    yield rec
    rec.stop()


@pytest.fixture(scope="session")
def sim_handle(receiver: Receiver) -> Iterator[SimHandle]:
    config = SimConfig(
        port=0,
        stripe_webhook_url=f"{receiver.base}/stripe",
        razorpay_webhook_url=f"{receiver.base}/razorpay",
        refund_settle_after_s=0.3,
        webhook_retry_schedule_s=(0.1, 0.2, 0.4),
        seed=7,
    )
    with running_simulator(config) as handle:
        yield handle


@pytest.fixture
def simulator(sim_handle: SimHandle, receiver: Receiver) -> Iterator[SimHandle]:
    """A clean simulator; afterwards every delivered webhook must verify and validate."""
    assert sim_handle.control("POST", "/reset").status_code == 200
    endpoints = {"stripe": f"{receiver.base}/stripe", "razorpay": f"{receiver.base}/razorpay"}
    sim_handle.control("PUT", "/webhook_endpoints", endpoints)
    time.sleep(0.02)
    receiver.clear()
    yield sim_handle
    verify_deliveries(sim_handle, receiver)


def verify_deliveries(handle: SimHandle, receiver: Receiver) -> None:
    cfg = handle.config
    for item in receiver.of("stripe"):
        event = stripe.Webhook.construct_event(
            item.body, item.headers["Stripe-Signature"], cfg.stripe_webhook_secret
        )
        assert event.id == json.loads(item.body)["id"]
        validate_event(json.loads(item.body))
    utility = razorpay.Client(auth=(cfg.razorpay_key_id, cfg.razorpay_key_secret)).utility
    for item in receiver.of("razorpay"):
        assert utility.verify_webhook_signature(
            item.body, item.headers["X-Razorpay-Signature"], cfg.razorpay_webhook_secret
        )
        assert item.headers["X-Razorpay-Event-Id"]
        envelope = json.loads(item.body)
        assert envelope["entity"] == "event"
        assert list(envelope["payload"]) == envelope["contains"]
        for name in envelope["contains"]:
            assert_entity(envelope["payload"][name]["entity"])


@pytest.fixture
def stripe_client(simulator: SimHandle) -> stripe.StripeClient:
    return stripe.StripeClient(STRIPE_KEY, base_addresses={"api": simulator.stripe_base})


@pytest.fixture
def rzp(simulator: SimHandle) -> razorpay.Client:
    return razorpay.Client(
        auth=(simulator.config.razorpay_key_id, simulator.config.razorpay_key_secret),
        base_url=simulator.razorpay_base,
    )
