"""PaymentIntents through the real stripe SDK: the status machine, errors and events."""

from __future__ import annotations

import httpx
import pytest
import stripe

from pspsim.testing import SimHandle

from .helpers import check, control
from .receiver import Receiver, wait_for
from .stripe_schema import validate

pytestmark = pytest.mark.timeout(60)


def _create(client: stripe.StripeClient, **extra: object) -> stripe.PaymentIntent:
    params = {"amount": 2500, "currency": "usd", "metadata": {"checkout_id": "co_1"}, **extra}
    return check("PostPaymentIntents", client.v1.payment_intents.create(params=params))  # type: ignore[arg-type]


def test_confirm_with_visa_succeeds_with_a_charge_and_metadata(
    stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    pi = _create(stripe_client)
    assert pi.status == "requires_payment_method"
    assert pi.metadata.to_dict() == {"checkout_id": "co_1"}
    pi = check(
        "PostPaymentIntentsIntentConfirm",
        stripe_client.v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"}),
    )
    assert pi.status == "succeeded"
    assert pi.amount_received == 2500
    assert isinstance(pi.latest_charge, str) and pi.latest_charge.startswith("ch_")
    got = check("GetPaymentIntentsIntent", stripe_client.v1.payment_intents.retrieve(pi.id))
    assert got.status == "succeeded"
    expanded = stripe_client.v1.payment_intents.retrieve(
        pi.id, params={"expand": ["latest_charge"]}
    )
    validate("charge", expanded.last_response.data["latest_charge"])  # type: ignore[union-attr]
    events = wait_for(lambda: receiver.stripe_events("payment_intent.succeeded"))
    assert events[0]["data"]["object"]["id"] == pi.id
    assert events[0]["data"]["object"]["metadata"] == {"checkout_id": "co_1"}


def test_declined_card_sets_last_payment_error(stripe_client: stripe.StripeClient) -> None:
    pi = _create(stripe_client)
    with pytest.raises(stripe.CardError) as err:
        stripe_client.v1.payment_intents.confirm(
            pi.id, params={"payment_method": "pm_card_chargeDeclined"}
        )
    assert err.value.code == "card_declined"
    assert err.value.error is not None and err.value.error.decline_code == "generic_decline"
    validate("error", err.value.json_body)  # type: ignore[arg-type]
    pi = check("GetPaymentIntentsIntent", stripe_client.v1.payment_intents.retrieve(pi.id))
    assert pi.status == "requires_payment_method"
    assert pi.last_payment_error is not None
    assert pi.last_payment_error.decline_code == "generic_decline"
    # The payer can try again with a working card.
    pi = stripe_client.v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"})
    assert pi.status == "succeeded"
    assert pi.last_payment_error is None


def test_authentication_required_then_payer_completes(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    pi = _create(stripe_client, payment_method="pm_card_authenticationRequired", confirm=True)
    assert pi.status == "requires_action"
    assert pi.next_action is not None and pi.next_action.type == "redirect_to_url"
    url = pi.next_action.redirect_to_url.url  # type: ignore[union-attr]
    page = httpx.get(url)
    assert page.status_code == 200 and "25.00 USD" in page.text
    done = httpx.post(url, data={"action": "pay"})
    assert done.status_code == 200
    pi = stripe_client.v1.payment_intents.retrieve(pi.id)
    assert pi.status == "succeeded"


def test_manual_capture_only_from_requires_capture(stripe_client: stripe.StripeClient) -> None:
    pi = _create(stripe_client, capture_method="manual")
    with pytest.raises(stripe.InvalidRequestError) as err:
        stripe_client.v1.payment_intents.capture(pi.id)
    assert err.value.code == "payment_intent_unexpected_state"
    pi = stripe_client.v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"})
    assert pi.status == "requires_capture" and pi.amount_capturable == 2500
    pi = check(
        "PostPaymentIntentsIntentCapture",
        stripe_client.v1.payment_intents.capture(pi.id, params={"amount_to_capture": 2000}),
    )
    assert pi.status == "succeeded" and pi.amount_received == 2000
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.payment_intents.capture(pi.id)


def test_cancel_and_then_everything_fails(stripe_client: stripe.StripeClient) -> None:
    pi = _create(stripe_client)
    pi = check(
        "PostPaymentIntentsIntentCancel",
        stripe_client.v1.payment_intents.cancel(
            pi.id, params={"cancellation_reason": "requested_by_customer"}
        ),
    )
    assert pi.status == "canceled" and pi.cancellation_reason == "requested_by_customer"
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"})
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.payment_intents.cancel(pi.id)


def test_processing_then_settled_by_control(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    pi = _create(stripe_client)
    body = control(
        simulator, "POST", f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "processing"}
    )
    assert body["status"] == "processing"
    body = control(
        simulator, "POST", f"/stripe/payment_intents/{pi.id}/settle", {"outcome": "decline"}
    )
    assert body["status"] == "requires_payment_method"
    control(simulator, "POST", f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})
    assert stripe_client.v1.payment_intents.retrieve(pi.id).status == "succeeded"
    wait_for(lambda: receiver.stripe_events("payment_intent.processing"))
    wait_for(lambda: receiver.stripe_events("payment_intent.payment_failed"))


def test_errors_look_like_stripe(simulator: SimHandle, stripe_client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as missing:
        stripe_client.v1.payment_intents.retrieve("pi_does_not_exist")
    assert missing.value.code == "resource_missing" and missing.value.http_status == 404
    assert missing.value.request_id and missing.value.request_id.startswith("req_")
    with pytest.raises(stripe.InvalidRequestError) as unknown:
        _create(stripe_client, colour="blue")
    assert unknown.value.param == "colour"
    with pytest.raises(stripe.InvalidRequestError) as small:
        stripe_client.v1.payment_intents.create(params={"amount": 10, "currency": "usd"})
    assert small.value.param == "amount"
    bad = stripe.StripeClient("sk_test_wrong", base_addresses={"api": simulator.stripe_base})
    with pytest.raises(stripe.AuthenticationError) as auth:
        bad.v1.payment_intents.retrieve("pi_x")
    assert auth.value.http_status == 401
    validate("error", auth.value.json_body)  # type: ignore[arg-type]
    response = httpx.get(
        f"{simulator.stripe_base}/v1/nothing_here",
        headers={"Authorization": "Bearer sk_test_sagas_dev"},
    )
    assert response.status_code == 404
    validate("error", response.json())


def test_legacy_global_api_base_works(simulator: SimHandle) -> None:
    old = stripe.api_base
    stripe.api_base = simulator.stripe_base
    try:
        pi = stripe.PaymentIntent.create(
            amount=1200, currency="eur", api_key="sk_test_sagas_dev", idempotency_key="legacy-1"
        )
    finally:
        stripe.api_base = old
    assert pi.currency == "eur" and pi.status == "requires_payment_method"
