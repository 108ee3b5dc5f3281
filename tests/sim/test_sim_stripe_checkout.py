"""Checkout Sessions and Payment Links through the real stripe SDK and the payer pages."""

from __future__ import annotations

import time

import httpx
import pytest
import stripe

from pspsim.testing import SimHandle

from .helpers import check, control
from .receiver import Receiver, wait_for
from .stripe_schema import validate

pytestmark = pytest.mark.timeout(60)

LINE = {"price_data": {"currency": "usd", "unit_amount": 1500, "product_data": {"name": "Mug"}}}


def _session(client: stripe.StripeClient, **extra: object) -> stripe.checkout.Session:
    params = {
        "mode": "payment",
        "line_items": [{**LINE, "quantity": 2}],
        "success_url": "https://merchant.example/ok?cs={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://merchant.example/cancel",
        "metadata": {"checkout_id": "co_9"},
        "payment_intent_data": {"metadata": {"checkout_id": "co_9"}},
        **extra,
    }
    return check("PostCheckoutSessions", client.v1.checkout.sessions.create(params=params))  # type: ignore[arg-type]


@pytest.mark.parametrize("offset", [29 * 60, 24 * 3600 + 120])
def test_expires_at_outside_30_minutes_to_24_hours_is_refused(
    stripe_client: stripe.StripeClient, offset: int
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as err:
        _session(stripe_client, expires_at=int(time.time()) + offset)
    assert err.value.param == "expires_at"
    assert err.value.error is not None and err.value.error.type == "invalid_request_error"


def test_expires_at_inside_the_window_and_default(stripe_client: stripe.StripeClient) -> None:
    now = int(time.time())
    inside = _session(stripe_client, expires_at=now + 31 * 60)
    assert inside.expires_at == now + 31 * 60
    default = _session(stripe_client)
    assert default.created + 24 * 3600 == default.expires_at


def test_completion_creates_the_payment_intent_with_metadata(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    session = _session(stripe_client)
    assert session.status == "open" and session.payment_status == "unpaid"
    assert session.payment_intent is None and session.amount_total == 3000
    assert session.url and session.url.startswith(simulator.base_url)
    body = control(
        simulator, "POST", f"/stripe/checkout/sessions/{session.id}/pay", {"outcome": "succeed"}
    )
    assert body["checkout_session"]["status"] == "complete"
    session = check(
        "GetCheckoutSessionsSession", stripe_client.v1.checkout.sessions.retrieve(session.id)
    )
    assert session.payment_status == "paid" and isinstance(session.payment_intent, str)
    pi = stripe_client.v1.payment_intents.retrieve(session.payment_intent)
    assert pi.status == "succeeded" and pi.amount == 3000
    assert pi.metadata.to_dict() == {"checkout_id": "co_9"}
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.checkout.sessions.expire(session.id)
    completed = wait_for(lambda: receiver.stripe_events("checkout.session.completed"))
    assert completed[0]["data"]["object"]["metadata"] == {"checkout_id": "co_9"}


def test_decline_leaves_session_open_and_pi_cannot_be_canceled(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    session = _session(stripe_client)
    control(
        simulator, "POST", f"/stripe/checkout/sessions/{session.id}/pay", {"outcome": "decline"}
    )
    session = stripe_client.v1.checkout.sessions.retrieve(session.id)
    assert session.status == "open" and session.payment_status == "unpaid"
    assert isinstance(session.payment_intent, str)
    with pytest.raises(stripe.InvalidRequestError) as err:
        stripe_client.v1.payment_intents.cancel(session.payment_intent)
    assert "Expire the Checkout Session" in str(err.value)
    expired = check(
        "PostCheckoutSessionsSessionExpire", stripe_client.v1.checkout.sessions.expire(session.id)
    )
    assert expired.status == "expired"
    pi = stripe_client.v1.payment_intents.retrieve(session.payment_intent)
    assert pi.status == "canceled"
    again = simulator.control("POST", f"/stripe/checkout/sessions/{session.id}/pay", {})
    assert again.status_code == 400


def test_hosted_checkout_page_pay_and_abandon(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    paid = _session(stripe_client)
    page = httpx.get(paid.url)  # type: ignore[arg-type]
    assert page.status_code == 200 and "30.00 USD" in page.text and "Decline" in page.text
    result = httpx.post(paid.url, data={"action": "pay"})  # type: ignore[arg-type]
    assert result.status_code == 200 and f"ok?cs={paid.id}" in result.text
    abandoned = _session(stripe_client)
    httpx.post(abandoned.url, data={"action": "abandon"})  # type: ignore[arg-type]
    assert stripe_client.v1.checkout.sessions.retrieve(abandoned.id).status == "expired"
    wait_for(lambda: receiver.stripe_events("checkout.session.expired"))


def _link(client: stripe.StripeClient) -> stripe.PaymentLink:
    product = check("PostProducts", client.v1.products.create(params={"name": "Poster"}))
    price = check(
        "PostPrices",
        client.v1.prices.create(
            params={"product": product.id, "unit_amount": 4200, "currency": "inr"}
        ),
    )
    params = {
        "line_items": [{"price": price.id, "quantity": 1}],
        "metadata": {"checkout_id": "co_link"},
        "payment_intent_data": {"metadata": {"checkout_id": "co_link"}},
    }
    return check("PostPaymentLinks", client.v1.payment_links.create(params=params))  # type: ignore[arg-type]


def test_payment_link_pay_copies_metadata_and_link_id(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    link = _link(stripe_client)
    assert link.active and link.url.startswith(simulator.base_url)
    check("GetPaymentLinksPaymentLink", stripe_client.v1.payment_links.retrieve(link.id))
    body = control(
        simulator, "POST", f"/stripe/payment_links/{link.id}/pay", {"outcome": "succeed"}
    )
    session = stripe_client.v1.checkout.sessions.retrieve(body["checkout_session_id"])
    assert session.payment_link == link.id and session.status == "complete"
    assert session.metadata.to_dict() == {"checkout_id": "co_link"}  # type: ignore[union-attr]
    pi = stripe_client.v1.payment_intents.retrieve(body["payment_intent_id"])
    assert pi.metadata.to_dict() == {"checkout_id": "co_link"} and pi.amount == 4200


def test_inactive_link_cannot_be_paid(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    link = _link(stripe_client)
    link = check(
        "PostPaymentLinksPaymentLink",
        stripe_client.v1.payment_links.update(link.id, params={"active": False}),
    )
    assert link.active is False
    refused = simulator.control(
        "POST", f"/stripe/payment_links/{link.id}/pay", {"outcome": "succeed"}
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "payment_link_inactive"
    assert httpx.get(link.url).status_code == 410
    stripe_client.v1.payment_links.update(link.id, params={"active": True})
    ok = simulator.control("POST", f"/stripe/payment_links/{link.id}/pay", {"outcome": "succeed"})
    assert ok.status_code == 200


def test_manual_capture_through_checkout(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    session = _session(
        stripe_client,
        payment_intent_data={"capture_method": "manual", "metadata": {"checkout_id": "co_m"}},
    )
    control(simulator, "POST", f"/stripe/checkout/sessions/{session.id}/pay", {})
    session = stripe_client.v1.checkout.sessions.retrieve(session.id)
    assert session.status == "complete" and session.payment_status == "unpaid"
    pi = stripe_client.v1.payment_intents.capture(session.payment_intent)  # type: ignore[arg-type]
    assert pi.status == "succeeded"
    assert stripe_client.v1.checkout.sessions.retrieve(session.id).payment_status == "paid"
    time.sleep(0.1)
    assert receiver.stripe_events("checkout.session.async_payment_succeeded") == []


def test_lists_for_reconciliation(simulator: SimHandle, stripe_client: stripe.StripeClient) -> None:
    link = _link(stripe_client)
    body = control(simulator, "POST", f"/stripe/payment_links/{link.id}/pay", {})
    sessions = stripe_client.v1.checkout.sessions.list(params={"payment_link": link.id})
    assert [s.id for s in sessions.data] == [body["checkout_session_id"]]
    for raw in sessions.last_response.data["data"]:  # type: ignore[union-attr]
        validate("checkout.session", raw)
    pi_id = body["payment_intent_id"]
    refund = stripe_client.v1.refunds.create(params={"payment_intent": pi_id, "amount": 100})
    refunds = stripe_client.v1.refunds.list(params={"payment_intent": pi_id})
    assert [r.id for r in refunds.data] == [refund.id]
    updated = stripe_client.v1.payment_intents.update(pi_id, params={"metadata": {"note": "x"}})
    assert updated.metadata.to_dict() == {"checkout_id": "co_link", "note": "x"}
    assert stripe_client.v1.checkout.sessions.list(params={"payment_link": "plink_none"}).data == []
