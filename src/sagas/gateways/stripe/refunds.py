"""Stripe refunds: create (idempotency key = our refund id) and read.

The create answer is returned as read, never as a verdict: the saga decides only on a
later read or webhook (a synchronous ``succeeded`` can still turn ``failed``).
"""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.refunds import PspRefund, stripe_refund_status
from sagas.gateways.clients import stripe_call


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def snapshot(raw: dict[str, Any]) -> PspRefund:
    meta = raw.get("metadata") or {}
    pi = raw.get("payment_intent")
    return PspRefund(
        gateway="stripe",
        gateway_refund_id=str(raw["id"]),
        status=stripe_refund_status(raw.get("status")),
        raw_status=raw.get("status"),
        amount_minor=int(raw.get("amount") or 0),
        currency=str(raw.get("currency") or "").upper(),
        payment_id=pi if isinstance(pi, str) else (pi or {}).get("id"),
        refund_id=meta.get("refund_id"),
        failure_reason=raw.get("failure_reason"),
    )


async def create_refund(
    client: stripe.StripeClient,
    *,
    payment_id: str,
    amount_minor: int,
    refund_id: str,
    order_id: str,
) -> PspRefund:
    refund = await stripe_call(
        client.v1.refunds.create_async,
        params={
            # A charge id is accepted too (older payments are recorded by charge).
            ("charge" if payment_id.startswith("ch_") else "payment_intent"): payment_id,
            "amount": amount_minor,
            "metadata": {"refund_id": refund_id, "order_id": order_id},
        },
        options={"idempotency_key": refund_id},
    )
    return snapshot(_as_dict(refund))


async def read_refund(client: stripe.StripeClient, gateway_refund_id: str) -> PspRefund:
    return snapshot(
        _as_dict(await stripe_call(client.v1.refunds.retrieve_async, gateway_refund_id))
    )
