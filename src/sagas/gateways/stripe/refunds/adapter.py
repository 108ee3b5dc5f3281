"""Stripe refunds: create (idempotency key = our refund id), read, and find ours among a
payment's refunds (Stripe prunes idempotency keys after 24 h).

The create answer is returned as read, never as a verdict: the saga decides only on a
later read or webhook (a synchronous ``succeeded`` can still turn ``failed``).
"""

from __future__ import annotations

from sagas.domain.refunds import PspRefund, RefundRequest
from sagas.gateways.stripe import units
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.refunds.snapshot import snapshot

MAX_PAGES = 50  # 5,000 refunds on one payment: far past any real payment's


class StripeRefunds(StripeAdapter):
    async def create_refund(self, req: RefundRequest) -> PspRefund:
        """``req.currency`` None: a currency Stripe keeps in ISO units; pass it, as ISK and
        UGX are sent x100."""
        amount, currency = req.amount_minor, req.currency
        refund = await stripe_call(
            self.client.v1.refunds.create_async,
            params={
                _paid_by(req.payment_id): req.payment_id,
                "amount": units.to_stripe(amount, currency) if currency else amount,
                "metadata": {"refund_id": req.refund_id, "order_id": req.order_id},
            },
            options={"idempotency_key": req.refund_id},
        )
        return snapshot(as_dict(refund))

    async def read_refund(self, gateway_refund_id: str) -> PspRefund:
        refunds = self.client.v1.refunds
        return snapshot(as_dict(await stripe_call(refunds.retrieve_async, gateway_refund_id)))

    async def find_refund(self, payment_id: str, refund_id: str) -> PspRefund | None:
        params: dict[str, object] = {_paid_by(payment_id): payment_id, "limit": 100}
        for _ in range(MAX_PAGES):
            page = as_dict(await stripe_call(self.client.v1.refunds.list_async, params=params))
            data = page.get("data") or []
            for raw in data:
                if (raw.get("metadata") or {}).get("refund_id") == refund_id:
                    return snapshot(raw)
            if not page.get("has_more") or not data:
                return None
            params["starting_after"] = data[-1]["id"]
        return None


def _paid_by(payment_id: str) -> str:
    """A charge id is accepted too (older payments are recorded by charge)."""
    return "charge" if payment_id.startswith("ch_") else "payment_intent"
