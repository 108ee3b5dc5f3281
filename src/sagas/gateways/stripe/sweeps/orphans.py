"""Closing an orphan: cancel its PaymentIntent or expire its Session."""

from __future__ import annotations

import stripe

from sagas.domain.gateway_objects import OrphanClosed, SweptPayment
from sagas.gateways.stripe.intents.cancel import cancel_intent
from sagas.gateways.stripe.intents.read import read_intent
from sagas.gateways.stripe.sessions.expire import expire_session


async def close_orphan(
    client: stripe.StripeClient, object_type: str, object_id: str, checkout_id: str | None
) -> OrphanClosed | None:
    if object_type == "payment_intent":
        status = await cancel_intent(client, object_id)
        if status == "succeeded":
            snap = await read_intent(client, object_id)
            paid = SweptPayment(
                object_type="payment_intent",
                payment_id=object_id,
                gateway_object_id=object_id,
                checkout_id=checkout_id,
                amount_minor=snap.amount_minor,
                currency=snap.currency,
            )
            return OrphanClosed(status=status, paid=paid)
        return OrphanClosed(status=status, action="cancelled" if status == "canceled" else None)
    if object_type == "checkout_session":
        status = await expire_session(client, object_id)
        if status == "complete":
            return OrphanClosed(
                status=status, note="completed meanwhile; its PaymentIntent is swept as a payment"
            )
        return OrphanClosed(status=status, action="expired" if status == "expired" else None)
    return None
