"""The checkout saga's PSP activities against the simulator, one activity at a time."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from temporalio.testing import ActivityEnvironment

from sagas.activities.checkout.models import CompensateInput, ReadInput
from sagas.activities.checkout.psp import CheckoutPspActivities
from sagas.deps import Deps
from sagas.domain.settlement import PaymentStatus


async def _payment_intent(deps: Deps, checkout_id: str, *, pay: bool) -> str:
    client = deps.gateways.require_stripe()
    pi = await client.v1.payment_intents.create_async(
        params={
            "amount": 1800,
            "currency": "usd",
            "payment_method_types": ["card"],
            "metadata": {"checkout_id": checkout_id},
        },
        options={"idempotency_key": f"act-{checkout_id}"},
    )
    if pay:
        pi = await client.v1.payment_intents.confirm_async(
            pi.id, params={"payment_method": "pm_card_visa"}
        )
    return str(pi.id)


def _read(checkout_id: str, gateway: str, flow: str, object_id: str, *hints: str) -> ReadInput:
    return ReadInput(
        checkout_id=checkout_id,
        gateway=gateway,
        flow=flow,
        gateway_object_id=object_id,
        created_unix=0,
        hints=list(hints),
    )


async def test_a_paid_payment_intent_reads_settled_and_bound(
    env: ActivityEnvironment, checkout_psp: CheckoutPspActivities, psp_deps: Deps
) -> None:
    checkout_id = f"co_{uuid.uuid4().hex[:10]}"
    pi = await _payment_intent(psp_deps, checkout_id, pay=True)
    result = await env.run(
        checkout_psp.read_payments, _read(checkout_id, "stripe", "payment_intent", pi)
    )
    [snap] = result.payments
    assert (snap.payment_id, snap.status, snap.checkout_id) == (
        pi,
        PaymentStatus.SETTLED,
        checkout_id,
    )
    assert (snap.amount_minor, snap.currency) == (1800, "USD")


async def test_an_unknown_hint_is_skipped_not_an_error(
    env: ActivityEnvironment, checkout_psp: CheckoutPspActivities, psp_deps: Deps
) -> None:
    checkout_id = f"co_{uuid.uuid4().hex[:10]}"
    pi = await _payment_intent(psp_deps, checkout_id, pay=False)
    req = _read(checkout_id, "stripe", "payment_intent", pi, "pi_forged_by_nobody")
    result = await env.run(checkout_psp.read_payments, req)
    assert [s.payment_id for s in result.payments] == [pi]
    assert result.payments[0].status != PaymentStatus.SETTLED


async def test_compensating_an_unpaid_intent_cancels_it_idempotently(
    env: ActivityEnvironment, checkout_psp: CheckoutPspActivities, psp_deps: Deps
) -> None:
    checkout_id = f"co_{uuid.uuid4().hex[:10]}"
    pi = await _payment_intent(psp_deps, checkout_id, pay=False)
    req = CompensateInput(
        checkout_id=checkout_id, gateway="stripe", flow="payment_intent", gateway_object_id=pi
    )
    first = await env.run(checkout_psp.compensate_gateway_object, req)
    again = await env.run(checkout_psp.compensate_gateway_object, req)
    assert first.object_status == again.object_status == "canceled"


async def test_a_paid_razorpay_order_reads_its_captured_payment(
    env: ActivityEnvironment, checkout_psp: CheckoutPspActivities, psp_deps: Deps, sim: Any
) -> None:
    checkout_id = f"co_{uuid.uuid4().hex[:10]}"
    rzp = psp_deps.gateways.require_razorpay()
    order = rzp.order.create({"amount": 50000, "currency": "INR", "receipt": checkout_id})
    async with httpx.AsyncClient(timeout=10) as http:
        paid = await http.post(
            f"{sim.base_url}/_sim/razorpay/orders/{order['id']}/pay",
            json={"outcome": "succeed", "capture": "auto"},
        )
    paid.raise_for_status()
    result = await env.run(
        checkout_psp.read_payments, _read(checkout_id, "razorpay", "order", order["id"])
    )
    [snap] = result.payments
    assert snap.payment_id == paid.json()["razorpay_payment_id"]
    assert (snap.status, snap.amount_minor, snap.currency) == (
        PaymentStatus.SETTLED,
        50000,
        "INR",
    )
