"""Reading a PaymentIntent as a snapshot, bound to the object that opened it."""

from __future__ import annotations

import stripe

from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.intents.snapshot import snapshot_of_intent


async def read_intent(
    client: stripe.StripeClient, pi_id: str, *, bound_to: str | None = None
) -> PaymentSnapshot:
    pi = as_dict(await stripe_call(client.v1.payment_intents.retrieve_async, pi_id))
    return snapshot_of_intent(pi, bound_to=bound_to or pi_id)
