"""Cancelling a PaymentIntent (idempotent; one past cancelling answers its status)."""

from __future__ import annotations

import stripe

from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.intents.status import PI_CANCELABLE


async def cancel_intent(client: stripe.StripeClient, pi_id: str) -> str:
    """Cancel if still cancelable; answers the PaymentIntent's status afterwards."""
    pi = as_dict(await stripe_call(client.v1.payment_intents.retrieve_async, pi_id))
    if pi["status"] not in PI_CANCELABLE:
        return str(pi["status"])
    try:
        pi = as_dict(
            await stripe_call(
                client.v1.payment_intents.cancel_async,
                pi_id,
                params={"cancellation_reason": "abandoned"},
                options={"idempotency_key": f"cancel-{pi_id}"},
            )
        )
    except PermanentGatewayError:
        # Lost a race with the payer: report what it became, the caller decides.
        pi = as_dict(await stripe_call(client.v1.payment_intents.retrieve_async, pi_id))
    return str(pi["status"])
