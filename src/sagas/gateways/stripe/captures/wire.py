"""Capturing and cancelling an authorized PaymentIntent (``capture_method=manual``).

``amount_to_capture`` may be less than the authorization: Stripe releases the rest. The
capture's idempotency key comes from the order (``capture-<capture id>``), so a retried or
lost call never captures twice; an already captured PaymentIntent is read back, not an
error.
"""

from __future__ import annotations

import stripe

from sagas.domain.captures import VoidOutcome
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.stripe import units
from sagas.gateways.stripe.client import stripe_call
from sagas.gateways.stripe.intents.cancel import cancel_intent
from sagas.gateways.stripe.intents.read import read_intent


async def capture_intent(
    client: stripe.StripeClient,
    pi_id: str,
    *,
    amount_minor: int,
    currency: str,
    capture_id: str,
) -> PaymentSnapshot:
    refused: PermanentGatewayError | None = None
    try:
        await stripe_call(
            client.v1.payment_intents.capture_async,
            pi_id,
            params={"amount_to_capture": units.to_stripe(amount_minor, currency)},
            options={"idempotency_key": f"capture-{capture_id}"},
        )
    except PermanentGatewayError as err:
        refused = err  # captured by an earlier attempt, or truly refused: the read says
    snap = await read_intent(client, pi_id)
    if snap.status is not PaymentStatus.SETTLED:
        raise refused or PermanentGatewayError(f"capture of {pi_id} left it {snap.status}")
    return snap


async def void_intent(client: stripe.StripeClient, pi_id: str) -> VoidOutcome:
    status = await cancel_intent(client, pi_id)
    if status != "canceled":
        raise PermanentGatewayError(f"PaymentIntent {pi_id} is {status}; it cannot be voided")
    return VoidOutcome(payment_id=pi_id, status=status)
