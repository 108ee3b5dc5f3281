"""Stripe refunds: create (idempotency key = our refund id) and read.

The create answer is returned as read, never as a verdict: the saga decides only on a
later read or webhook (a synchronous ``succeeded`` can still turn ``failed``).
"""

from __future__ import annotations

from sagas.domain.refunds import PspRefund, RefundRequest
from sagas.gateways.stripe import units
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.refunds.snapshot import snapshot


class StripeRefunds(StripeAdapter):
    async def create_refund(self, req: RefundRequest) -> PspRefund:
        """``req.currency`` None: a currency Stripe keeps in ISO units; pass it, as ISK and
        UGX are sent x100."""
        amount, currency = req.amount_minor, req.currency
        # A charge id is accepted too (older payments are recorded by charge).
        paid_by = "charge" if req.payment_id.startswith("ch_") else "payment_intent"
        refund = await stripe_call(
            self.client.v1.refunds.create_async,
            params={
                paid_by: req.payment_id,
                "amount": units.to_stripe(amount, currency) if currency else amount,
                "metadata": {"refund_id": req.refund_id, "order_id": req.order_id},
            },
            options={"idempotency_key": req.refund_id},
        )
        return snapshot(as_dict(refund))

    async def read_refund(self, gateway_refund_id: str) -> PspRefund:
        refunds = self.client.v1.refunds
        return snapshot(as_dict(await stripe_call(refunds.retrieve_async, gateway_refund_id)))
