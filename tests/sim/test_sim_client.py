"""The simulator's client side (``pspsim.client``): the payer's requests pay each flow's
object, and the records read back over ``/_sim/objects`` answer the same questions of
both PSPs (what settled, for which checkout, bound to which object, what is refunded)."""

from __future__ import annotations

import httpx
import pytest
import razorpay
import stripe

from pspsim.client.payer import pay_object
from pspsim.client.records import fetch_objects, read_records
from pspsim.testing import SimHandle

pytestmark = pytest.mark.timeout(60)


def _pay(sim: SimHandle, flow: str, object_id: str, outcome: str = "succeed") -> None:
    request = pay_object(flow, object_id, outcome=outcome)
    resp = httpx.post(f"{sim.base_url}{request.path}", json=request.body, timeout=10)
    assert resp.status_code == 200, resp.text


async def test_paid_objects_read_back_alike_on_both_psps(
    simulator: SimHandle, stripe_client: stripe.StripeClient, rzp: razorpay.Client
) -> None:
    pi = stripe_client.v1.payment_intents.create(
        params={"amount": 2500, "currency": "usd", "metadata": {"checkout_id": "co_s"}}
    )
    stranger = stripe_client.v1.payment_intents.create(
        params={"amount": 900, "currency": "usd", "metadata": {"checkout_id": "co_other"}}
    )
    order = rzp.order.create(
        {"amount": 49900, "currency": "INR", "receipt": "r-cl", "notes": {"checkout_id": "co_r"}}
    )
    _pay(simulator, "payment_intent", pi.id, outcome="decline")
    _pay(simulator, "payment_intent", pi.id)
    _pay(simulator, "payment_intent", stranger.id)
    _pay(simulator, "order", order["id"])

    records = read_records(await fetch_objects(simulator.base_url), {"co_s", "co_r"})

    assert [i for i, _ in records["stripe"].captured()] == [pi.id]  # not the stranger's
    [(pay_id, _)] = records["razorpay"].captured()
    for gateway, payment, checkout, amount, currency, bound in (
        ("stripe", pi.id, "co_s", 2500, "USD", {pi.id}),
        ("razorpay", pay_id, "co_r", 49900, "INR", {order["id"]}),
    ):
        book = records[gateway]
        assert book.checkout_of(payment) == checkout
        assert (book.amount(payment), book.currency(payment)) == (amount, currency)
        assert book.bound_objects(payment) == bound
        assert book.refunded(payment) == 0
    assert records["stripe"].objects_per_checkout() == {"co_s": {"payment_intent": 1}}
    assert records["razorpay"].objects_per_checkout() == {"co_r": {"order": 1}}
