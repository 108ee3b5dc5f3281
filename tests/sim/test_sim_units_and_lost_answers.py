"""Amounts as each PSP takes them (CONTRACT 11.1), answers lost after the PSP carried a
call out (11.4), and the payer-side stages (11.3) through the real SDKs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
import razorpay
import requests
import stripe
from razorpay.errors import BadRequestError

from pspsim.testing import SimHandle

from .helpers import control

pytestmark = pytest.mark.timeout(60)
T = TypeVar("T")
MAX_TRIES = 30


@pytest.fixture
def stripe_once(simulator: SimHandle) -> stripe.StripeClient:
    """A Stripe client that does not retry by itself, so a lost answer surfaces."""
    return stripe.StripeClient(
        "sk_test_sagas_dev",
        base_addresses={"api": simulator.stripe_base},
        max_network_retries=0,
    )


def _lose(sim: SimHandle, rate: float, **extra: Any) -> None:
    control(sim, "PUT", "/faults", {"api_lost_response_rate": rate, "seed": 11, **extra})


def _until_answered(
    call: Callable[[], T], errors: tuple[type[BaseException], ...]
) -> tuple[T, int]:
    """Retry `call` (same key) until an answer arrives; bounded. Answers it and the tries."""
    for tries in range(1, MAX_TRIES + 1):
        try:
            return call(), tries
        except errors:
            continue
    raise AssertionError(f"no answer in {MAX_TRIES} tries")


def _stripe_code(call: Callable[[], object]) -> str | None:
    with pytest.raises(stripe.InvalidRequestError) as err:
        call()
    return err.value.code


def test_stripe_special_case_currencies(stripe_once: stripe.StripeClient) -> None:
    create = stripe_once.v1.payment_intents.create
    isk = create(params={"amount": 500000, "currency": "isk"})  # 5000 ISK
    assert isk.amount == 500000
    assert create(params={"amount": 1000000, "currency": "ugx"}).amount == 1000000
    for currency in ("isk", "ugx"):
        code = _stripe_code(lambda c=currency: create(params={"amount": 500050, "currency": c}))
        assert code == "invalid_charge_amount_no_decimal_compatible"
    assert create(params={"amount": 12340, "currency": "kwd"}).amount == 12340
    assert _stripe_code(lambda: create(params={"amount": 12345, "currency": "kwd"})) == (
        "invalid_charge_amount"
    )
    assert _stripe_code(lambda: create(params={"amount": 5000, "currency": "iqd"})) is None
    assert create(params={"amount": 50, "currency": "jpy"}).amount == 50


def test_stripe_minimums_per_currency(stripe_once: stripe.StripeClient) -> None:
    create = stripe_once.v1.payment_intents.create
    for currency, least in (("usd", 50), ("gbp", 30), ("hkd", 400), ("jpy", 50)):
        assert create(params={"amount": least, "currency": currency}).amount == least
        with pytest.raises(stripe.InvalidRequestError) as err:
            create(params={"amount": least - 1, "currency": currency})
        assert err.value.code == "amount_too_small" and err.value.param == "amount"
    with pytest.raises(stripe.InvalidRequestError) as err:
        stripe_once.v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "success_url": "https://example.com/ok",
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "usd",
                            "unit_amount": 40,
                            "product_data": {"name": "sticker"},
                        },
                    }
                ],
            }
        )
    assert err.value.code == "amount_too_small"


def test_stripe_prices_captures_and_refunds_follow_the_unit(
    simulator: SimHandle, stripe_once: stripe.StripeClient
) -> None:
    product = stripe_once.v1.products.create(params={"name": "wool"})
    price = {"product": product.id, "currency": "isk"}
    assert _stripe_code(
        lambda: stripe_once.v1.prices.create(params={**price, "unit_amount": 150})
    ) == ("invalid_charge_amount_no_decimal_compatible")
    assert stripe_once.v1.prices.create(params={**price, "unit_amount": 200}).unit_amount == 200
    pi = stripe_once.v1.payment_intents.create(
        params={"amount": 20000, "currency": "kwd", "capture_method": "manual"}
    )
    control(simulator, "POST", f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})
    capture = stripe_once.v1.payment_intents.capture
    assert _stripe_code(lambda: capture(pi.id, params={"amount_to_capture": 15005})) == (
        "invalid_charge_amount"
    )
    pi = capture(pi.id, params={"amount_to_capture": 15000})
    assert (pi.status, pi.amount_received, pi.amount_capturable) == ("succeeded", 15000, 0)
    refund = stripe_once.v1.refunds.create
    assert _stripe_code(lambda: refund(params={"payment_intent": pi.id, "amount": 5})) == (
        "invalid_charge_amount"
    )
    assert refund(params={"payment_intent": pi.id, "amount": 5000}).amount == 5000


def test_stripe_manual_capture_cancel_releases(
    simulator: SimHandle, stripe_once: stripe.StripeClient
) -> None:
    pi = stripe_once.v1.payment_intents.create(
        params={"amount": 3000, "currency": "eur", "capture_method": "manual"}
    )
    control(simulator, "POST", f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})
    pi = stripe_once.v1.payment_intents.retrieve(pi.id)
    assert (pi.status, pi.amount_capturable) == ("requires_capture", 3000)
    pi = stripe_once.v1.payment_intents.cancel(pi.id)
    assert (pi.status, pi.amount_capturable, pi.amount_received) == ("canceled", 0, 0)


def test_stripe_3ds_and_processing_by_control(
    simulator: SimHandle, stripe_once: stripe.StripeClient
) -> None:
    pay = "/stripe/payment_intents/{}/{}"
    pi = stripe_once.v1.payment_intents.create(params={"amount": 900, "currency": "usd"})
    body = control(simulator, "POST", pay.format(pi.id, "pay"), {"outcome": "authenticate"})
    assert body["status"] == "requires_action"
    url = body["next_action"]["redirect_to_url"]["url"]
    assert body["next_action"]["type"] == "redirect_to_url" and f"/{pi.id}" in url
    body = control(simulator, "POST", pay.format(pi.id, "pay"), {"outcome": "decline"})
    assert body["status"] == "requires_payment_method" and body["last_payment_error"]
    other = stripe_once.v1.payment_intents.create(params={"amount": 900, "currency": "usd"})
    control(simulator, "POST", pay.format(other.id, "pay"), {"outcome": "processing"})
    body = control(simulator, "POST", pay.format(other.id, "settle"), {"outcome": "succeed"})
    assert body["status"] == "succeeded" and body["amount_received"] == 900


def test_razorpay_units_and_minimums(rzp: razorpay.Client) -> None:
    def order(amount: int, currency: str) -> dict[str, Any]:
        return dict(rzp.order.create({"amount": amount, "currency": currency}))

    assert order(100, "INR")["amount"] == 100
    with pytest.raises(BadRequestError, match=r"at least INR 1\.00"):
        order(99, "INR")
    assert order(1, "JPY")["amount"] == 1
    assert order(500, "ISK")["amount"] == 500  # ISO zero-decimal at Razorpay
    assert order(1000, "KWD")["amount"] == 1000
    with pytest.raises(BadRequestError, match="last decimal"):
        order(1005, "KWD")
    with pytest.raises(BadRequestError, match=r"at least KWD 1\.00"):
        order(990, "KWD")


def test_bad_lost_answer_rate_is_refused(simulator: SimHandle) -> None:
    answer = simulator.control("PUT", "/faults", {"api_lost_response_rate": 1.5})
    assert answer.status_code == 400
    assert simulator.control("GET", "/faults").json()["api_lost_response_rate"] == 0.0


def test_stripe_lost_answer_is_a_network_error_and_the_key_recovers(
    simulator: SimHandle, stripe_once: stripe.StripeClient
) -> None:
    _lose(simulator, 1.0)
    params = {"amount": 1500, "currency": "usd", "metadata": {"checkout_id": "co_lost"}}
    options = {"idempotency_key": "co_lost:payment_intent"}
    with pytest.raises(stripe.APIConnectionError):
        stripe_once.v1.payment_intents.create(params=params, options=options)  # type: ignore[arg-type]
    _lose(simulator, 0.0)
    listed = stripe_once.v1.payment_intents.list().data
    assert len(listed) == 1, "the call was carried out although its answer was lost"
    again = stripe_once.v1.payment_intents.create(params=params, options=options)  # type: ignore[arg-type]
    assert again.id == listed[0].id
    assert len(stripe_once.v1.payment_intents.list().data) == 1


def test_stripe_at_30_percent_one_object_per_request(
    simulator: SimHandle, stripe_once: stripe.StripeClient
) -> None:
    _lose(simulator, 0.3)
    ids, tries = set(), 0
    for n in range(8):
        key = f"req-{n}-{uuid.uuid4().hex[:6]}"
        pi, took = _until_answered(
            lambda k=key: stripe_once.v1.payment_intents.create(  # type: ignore[misc]
                params={"amount": 700, "currency": "usd"}, options={"idempotency_key": k}
            ),
            (stripe.APIConnectionError,),
        )
        ids.add(pi.id)
        tries += took
    _lose(simulator, 0.0)
    assert tries > 8, "the seeded run lost no answer at all"
    assert len(ids) == 8
    assert {p.id for p in stripe_once.v1.payment_intents.list(params={"limit": 100})} == ids


def test_razorpay_lost_answers_receipt_and_refund_key(
    simulator: SimHandle, rzp: razorpay.Client
) -> None:
    _lose(simulator, 1.0)
    with pytest.raises(requests.ConnectionError):
        rzp.order.create({"amount": 50000, "currency": "INR", "receipt": "co_lost_rzp"})
    _lose(simulator, 0.0)
    found = rzp.order.all({"receipt": "co_lost_rzp"})["items"]
    assert len(found) == 1 and found[0]["amount"] == 50000
    handoff = control(simulator, "POST", f"/razorpay/orders/{found[0]['id']}/pay", {})
    pay_id = handoff["razorpay_payment_id"]
    headers = {"X-Refund-Idempotency": "co_lost_rzp-refund-1"}
    _lose(simulator, 1.0)
    with pytest.raises(requests.ConnectionError):
        rzp.payment.refund(pay_id, {"amount": 20000}, headers=headers)
    _lose(simulator, 0.0)
    refund = rzp.payment.refund(pay_id, {"amount": 20000}, headers=headers)
    refunds = rzp.payment.fetch_multiple_refund(pay_id)["items"]
    assert [r["id"] for r in refunds] == [refund["id"]]
    assert rzp.payment.fetch(pay_id)["amount_refunded"] == 20000


def test_lost_answers_only_on_the_paths_asked(simulator: SimHandle, rzp: razorpay.Client) -> None:
    _lose(simulator, 1.0, api_error_paths=["/razorpay/v1/refunds"])
    order = rzp.order.create({"amount": 50000, "currency": "INR"})
    assert order["id"].startswith("order_")
    assert control(simulator, "GET", "/health") == {"status": "ok"}
    control(simulator, "DELETE", "/faults")


def test_api_refusal_status(simulator: SimHandle, stripe_once: stripe.StripeClient) -> None:
    faults = {"api_error_rate": 1.0, "api_error_status": 400}
    control(simulator, "PUT", "/faults", {**faults, "api_error_paths": ["/stripe/v1/refunds"]})
    pi = stripe_once.v1.payment_intents.create(params={"amount": 900, "currency": "usd"})
    with pytest.raises(stripe.InvalidRequestError):
        stripe_once.v1.refunds.create(params={"payment_intent": pi.id})
    assert simulator.control("PUT", "/faults", {"api_error_status": 200}).status_code == 400
    control(simulator, "DELETE", "/faults")
