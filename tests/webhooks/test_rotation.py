"""Secret rotation at the endpoint: the previous secrets stay valid until removed."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator

import httpx
import pytest
import stripe

from api.app import create_app
from sagas.settings import Settings
from tests.support.net import UvicornThread
from tests.webhooks.conftest import Sender, stripe_event
from tests.webhooks.signing import razorpay_signature

OLD_STRIPE, OLD_RAZORPAY = "whsec_rotated_out", "rzp_rotated_out"


@pytest.fixture(scope="module")
def rotated_api(settings: Settings) -> Iterator[UvicornThread]:
    rotated = settings.model_copy(
        update={
            "stripe_webhook_secrets_previous": f"{OLD_STRIPE}, whsec_even_older",
            "razorpay_webhook_secrets_previous": OLD_RAZORPAY,
        }
    )
    with UvicornThread(create_app(rotated)) as server:
        yield server


async def test_previous_secrets_verify_during_rotation(
    rotated_api: UvicornThread, settings: Settings
) -> None:
    async with httpx.AsyncClient(base_url=rotated_api.url, timeout=30) as client:
        send = Sender(client, settings)
        for secret in (
            settings.stripe_webhook_secret.get_secret_value(),
            OLD_STRIPE,
            "whsec_even_older",
        ):
            resp = await send.stripe(
                stripe_event("payout.paid", {"id": "po_r", "object": "payout"}), secret=secret
            )
            assert resp.status_code == 200, (secret, resp.text)
        # both signatures in one header (Stripe sends one per active secret): accepted
        event = json.dumps(stripe_event("payout.paid", {"id": "po_r2", "object": "payout"}))
        now = int(time.time())
        sigs = [
            stripe.WebhookSignature.generate_signature_header(event, s, timestamp=now).split("v1=")[
                1
            ]
            for s in ("whsec_unknown", OLD_STRIPE)
        ]
        both = await client.post(
            "/webhooks/stripe",
            content=event,
            headers={"Stripe-Signature": f"t={now},v1={sigs[0]},v1={sigs[1]}"},
        )
        assert both.status_code == 200
        assert (
            await send.stripe(
                stripe_event("payout.paid", {"id": "p", "object": "payout"}), secret="whsec_x"
            )
        ).status_code == 400
        body = json.dumps({"event": "payment.failed", "payload": {}}).encode()
        old = await client.post(
            "/webhooks/razorpay",
            content=body,
            headers={
                "X-Razorpay-Signature": razorpay_signature(body, OLD_RAZORPAY),
                "X-Razorpay-Event-Id": secrets.token_hex(8),
            },
        )
        assert old.status_code == 200 and old.json()["result"] == "no_op"


async def test_main_app_refuses_the_old_secret(send: Sender) -> None:
    resp = await send.stripe(
        stripe_event("payout.paid", {"id": "po_r3", "object": "payout"}), secret=OLD_STRIPE
    )
    assert resp.status_code == 400
