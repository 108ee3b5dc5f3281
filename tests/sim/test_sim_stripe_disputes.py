"""Stripe disputes and late refund failures through the real stripe SDK.

Each object the SDK receives is validated against Stripe's `dispute` schema; every
webhook the test caused is verified and validated by the `simulator` fixture.
"""

from __future__ import annotations

from typing import Any

import pytest
import stripe

from pspsim.testing import SimHandle

from .helpers import control
from .receiver import Receiver, wait_for
from .stripe_schema import validate

pytestmark = pytest.mark.timeout(60)


def _paid(client: stripe.StripeClient, amount: int = 5000) -> stripe.PaymentIntent:
    pi = client.v1.payment_intents.create(
        params={
            "amount": amount,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "confirm": True,
        }
    )
    assert pi.status == "succeeded"
    return pi


def _checked(obj: Any) -> Any:
    validate("dispute", obj.last_response.data)
    return obj


def _dispute(sim: SimHandle, pi_id: str, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = control(sim, "POST", f"/stripe/payment_intents/{pi_id}/dispute", body)
    return answer


def test_opened_dispute_withdraws_funds_and_blocks_refunds(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    pi = _paid(stripe_client)
    opened = _dispute(simulator, pi.id, amount=3000, reason="product_not_received")
    dispute = _checked(stripe_client.v1.disputes.retrieve(opened["id"]))
    assert dispute.id.startswith("dp_") and dispute.status == "needs_response"
    assert dispute.amount == 3000 and dispute.reason == "product_not_received"
    assert dispute.payment_intent == pi.id and dispute.charge == pi.latest_charge
    assert dispute.evidence_details.due_by > dispute.created
    assert [t.amount for t in dispute.balance_transactions] == [-3000]
    types = [e["type"] for e in wait_for(lambda: receiver.stripe_events() or None)]
    wait_for(lambda: len(receiver.stripe_events("charge.dispute.funds_withdrawn")) == 1)
    created = receiver.stripe_events("charge.dispute.created")
    assert created[0]["data"]["object"]["id"] == dispute.id, types
    charge = stripe_client.v1.charges.retrieve(pi.latest_charge)
    assert charge.disputed is True
    with pytest.raises(stripe.InvalidRequestError) as refused:
        stripe_client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 100})
    assert refused.value.code == "charge_disputed"
    again = simulator.control("POST", f"/stripe/payment_intents/{pi.id}/dispute", {})
    assert again.status_code == 400


def test_evidence_submitted_then_won_reinstates(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    pi = _paid(stripe_client)
    opened = _dispute(simulator, pi.id)
    draft = _checked(
        stripe_client.v1.disputes.update(
            opened["id"], params={"evidence": {"uncategorized_text": "shipped, signed for"}}
        )
    )
    assert draft.status == "needs_response" and draft.evidence_details.has_evidence
    submitted = _checked(
        stripe_client.v1.disputes.update(
            opened["id"],
            params={"evidence": {"product_description": "a book"}, "submit": True},
        )
    )
    assert submitted.status == "under_review"
    assert submitted.evidence.uncategorized_text == "shipped, signed for"
    assert submitted.evidence_details.submission_count == 1
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.disputes.update(opened["id"], params={"submit": True})
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.disputes.close(opened["id"])
    with pytest.raises(stripe.InvalidRequestError) as unknown:
        stripe_client.v1.disputes.update(opened["id"], params={"evidence": {"nope": "x"}})
    assert unknown.value.code == "parameter_unknown"
    won = control(simulator, "POST", f"/stripe/disputes/{opened['id']}/close", {"status": "won"})
    assert won["status"] == "won"
    assert [t["amount"] for t in won["balance_transactions"]] == [-5000, 5000]
    reinstated = wait_for(lambda: receiver.stripe_events("charge.dispute.funds_reinstated"))
    assert reinstated[0]["data"]["object"]["status"] == "won"
    closed = wait_for(lambda: receiver.stripe_events("charge.dispute.closed"))
    assert closed[0]["data"]["previous_attributes"] == {"status": "under_review"}
    updates = wait_for(lambda: len(receiver.stripe_events("charge.dispute.updated")) == 2)
    assert updates
    again = simulator.control("POST", f"/stripe/disputes/{opened['id']}/close", {"status": "lost"})
    assert again.status_code == 400
    refund = stripe_client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 100})
    assert refund.status == "pending"


def test_merchant_close_accepts_and_loses(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    pi = _paid(stripe_client)
    opened = _dispute(simulator, pi.id)
    lost = _checked(stripe_client.v1.disputes.close(opened["id"]))
    assert lost.status == "lost" and lost.evidence_details.due_by is None
    closed = wait_for(lambda: receiver.stripe_events("charge.dispute.closed"))
    assert closed[0]["data"]["object"]["status"] == "lost"
    assert not receiver.stripe_events("charge.dispute.funds_reinstated")
    with pytest.raises(stripe.InvalidRequestError) as refused:
        stripe_client.v1.refunds.create(params={"payment_intent": pi.id})
    assert refused.value.code == "charge_disputed"


def test_list_filters_by_payment_intent(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    first, second = _paid(stripe_client), _paid(stripe_client)
    a = _dispute(simulator, first.id)
    _dispute(simulator, second.id)
    listed = stripe_client.v1.disputes.list(params={"payment_intent": first.id})
    assert [d.id for d in listed.data] == [a["id"]]
    for item in listed.last_response.data["data"]:
        validate("dispute", item)
    assert len(stripe_client.v1.disputes.list().data) == 2
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.disputes.retrieve("dp_nope")


def test_control_rejects_bad_bodies(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    pi = _paid(stripe_client)
    for body in ({"amount": "x"}, {"amount": 999999}, {"reason": "bored"}):
        answer = simulator.control("POST", f"/stripe/payment_intents/{pi.id}/dispute", body)
        assert answer.status_code == 400, body
    opened = _dispute(simulator, pi.id)
    bad = simulator.control("POST", f"/stripe/disputes/{opened['id']}/close", {"status": "x"})
    assert bad.status_code == 400


def test_refund_failed_after_success(
    simulator: SimHandle, stripe_client: stripe.StripeClient, receiver: Receiver
) -> None:
    pi = _paid(stripe_client)
    refund = stripe_client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 2000})
    wait_for(lambda: stripe_client.v1.refunds.retrieve(refund.id).status == "succeeded", 5)
    failed = control(simulator, "POST", f"/stripe/refunds/{refund.id}/fail")
    assert failed["status"] == "failed" and failed["failure_reason"]
    updated = wait_for(
        lambda: [
            e
            for e in receiver.stripe_events("refund.updated")
            if e["data"]["object"]["status"] == "failed"
        ]
    )
    assert updated[0]["data"]["previous_attributes"] == {"status": "succeeded"}
    assert wait_for(lambda: receiver.stripe_events("refund.failed"))
    charge = stripe_client.v1.charges.retrieve(pi.latest_charge)
    assert charge.amount_refunded == 0
    again = simulator.control("POST", f"/stripe/refunds/{refund.id}/fail", {})
    assert again.status_code == 400
