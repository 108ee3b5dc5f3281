"""Razorpay disputes: fetch, contest (``summary`` and ``action: submit``), accept. The only
place Razorpay's dispute entity is read. The SDK is synchronous: :func:`razorpay_call`.
"""

from __future__ import annotations

from sagas.domain.disputes import PspDispute
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.client import razorpay_call
from sagas.gateways.razorpay.disputes.snapshot import snapshot


class RazorpayDisputes(RazorpayAdapter):
    """Disputes: read, answer with evidence, accept. Contest and accept carry no
    idempotency key at Razorpay: a repeat is refused by the dispute's status, and the
    saga re-reads the dispute before deciding anything."""

    async def read_dispute(self, gateway_dispute_id: str) -> PspDispute:
        raw = await razorpay_call(self.client.dispute.fetch, gateway_dispute_id)
        return snapshot(dict(raw))

    async def submit_evidence(
        self, gateway_dispute_id: str, *, text: str, submit: bool, key: str
    ) -> PspDispute:
        body = {"summary": text, "action": "submit" if submit else "draft"}
        raw = await razorpay_call(self.client.dispute.contest, gateway_dispute_id, body)
        return snapshot(dict(raw))

    async def accept_dispute(self, gateway_dispute_id: str, *, key: str) -> PspDispute:
        raw = await razorpay_call(self.client.dispute.accept, gateway_dispute_id)
        return snapshot(dict(raw))
