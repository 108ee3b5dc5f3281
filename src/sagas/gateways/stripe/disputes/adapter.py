"""Stripe disputes: read, answer with evidence (``evidence[uncategorized_text]``, and
``submit``), accept (``close``). The only place Stripe's dispute shape is read.
"""

from __future__ import annotations

from sagas.domain.disputes import PspDispute
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.disputes.snapshot import snapshot


class StripeDisputes(StripeAdapter):
    """Disputes: read, answer with evidence, accept; each write under the caller's key."""

    async def read_dispute(self, gateway_dispute_id: str) -> PspDispute:
        disputes = self.client.v1.disputes
        return snapshot(as_dict(await stripe_call(disputes.retrieve_async, gateway_dispute_id)))

    async def submit_evidence(
        self, gateway_dispute_id: str, *, text: str, submit: bool, key: str
    ) -> PspDispute:
        raw = await stripe_call(
            self.client.v1.disputes.update_async,
            gateway_dispute_id,
            params={"evidence": {"uncategorized_text": text}, "submit": submit},
            options={"idempotency_key": key},
        )
        return snapshot(as_dict(raw))

    async def accept_dispute(self, gateway_dispute_id: str, *, key: str) -> PspDispute:
        raw = await stripe_call(
            self.client.v1.disputes.close_async,
            gateway_dispute_id,
            options={"idempotency_key": key},
        )
        return snapshot(as_dict(raw))
