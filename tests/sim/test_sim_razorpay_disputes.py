"""Razorpay disputes through the real razorpay SDK: fetch, contest, accept, decisions."""

from __future__ import annotations

from typing import Any

import pytest
import razorpay
from razorpay.errors import BadRequestError

from pspsim.testing import SimHandle

from .helpers import control
from .razorpay_shapes import assert_entity
from .receiver import Receiver, wait_for

pytestmark = pytest.mark.timeout(60)


def _captured(sim: SimHandle, rzp: razorpay.Client, amount: int = 50000) -> str:
    order = rzp.order.create({"amount": amount, "currency": "INR", "receipt": "rcpt-d"})
    paid = control(sim, "POST", f"/razorpay/orders/{order['id']}/pay", {"outcome": "succeed"})
    return str(paid["razorpay_payment_id"])


def _dispute(sim: SimHandle, payment_id: str, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = control(sim, "POST", f"/razorpay/payments/{payment_id}/dispute", body)
    return answer


def _events(receiver: Receiver, name: str) -> list[dict[str, Any]]:
    return receiver.razorpay_events(f"payment.dispute.{name}")


def test_contested_then_won(simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver) -> None:
    payment_id = _captured(simulator, rzp)
    opened = _dispute(simulator, payment_id, amount=20000)
    dispute = rzp.dispute.fetch(opened["id"])
    assert_entity(dispute)
    assert dispute["id"].startswith("disp_") and dispute["status"] == "open"
    assert dispute["payment_id"] == payment_id and dispute["amount"] == 20000
    assert dispute["respond_by"] > dispute["created_at"] and dispute["amount_deducted"] == 0
    created = wait_for(lambda: _events(receiver, "created"))
    assert created[0]["contains"] == ["payment", "dispute"]
    assert created[0]["payload"]["dispute"]["entity"]["id"] == opened["id"]
    draft = rzp.dispute.contest(opened["id"], {"summary": "delivered", "action": "draft"})
    assert draft["status"] == "open" and draft["evidence"]["summary"] == "delivered"
    with pytest.raises(BadRequestError):
        rzp.dispute.contest(opened["id"], {"action": "launch"})
    contested = rzp.dispute.contest(opened["id"], {"action": "submit"})
    assert_entity(contested)
    assert contested["status"] == "under_review" and contested["evidence"]["submitted_at"]
    assert wait_for(lambda: _events(receiver, "under_review"))
    with pytest.raises(BadRequestError):
        rzp.dispute.accept(opened["id"])
    won = control(simulator, "POST", f"/razorpay/disputes/{opened['id']}/close", {"status": "won"})
    assert won["status"] == "won" and won["amount_deducted"] == 0
    assert wait_for(lambda: _events(receiver, "won"))


def test_accepted_is_lost_and_deducted(
    simulator: SimHandle, rzp: razorpay.Client, receiver: Receiver
) -> None:
    payment_id = _captured(simulator, rzp)
    opened = _dispute(simulator, payment_id)
    assert opened["amount"] == 50000
    again = simulator.control("POST", f"/razorpay/payments/{payment_id}/dispute", {})
    assert again.status_code == 400
    lost = rzp.dispute.accept(opened["id"])
    assert lost["status"] == "lost" and lost["amount_deducted"] == 50000
    event = wait_for(lambda: _events(receiver, "lost"))[0]
    assert event["payload"]["dispute"]["entity"]["status"] == "lost"
    with pytest.raises(BadRequestError):
        rzp.dispute.contest(opened["id"], {"summary": "late", "action": "submit"})
    listed = rzp.dispute.all()
    assert_entity(listed)
    assert [d["id"] for d in listed["items"]] == [opened["id"]]


def test_bad_requests(simulator: SimHandle, rzp: razorpay.Client) -> None:
    payment_id = _captured(simulator, rzp)
    for body in ({"amount": "x"}, {"amount": 10**9}):
        answer = simulator.control("POST", f"/razorpay/payments/{payment_id}/dispute", body)
        assert answer.status_code == 400, body
    with pytest.raises(BadRequestError):
        rzp.dispute.fetch("disp_nope")
    opened = _dispute(simulator, payment_id)
    with pytest.raises(BadRequestError):
        rzp.dispute.contest(opened["id"], {"action": "submit"})  # no summary
    with pytest.raises(BadRequestError):
        rzp.dispute.contest(opened["id"], {"rocket": "x"})
    bad = simulator.control("POST", f"/razorpay/disputes/{opened['id']}/close", {})
    assert bad.status_code == 400
