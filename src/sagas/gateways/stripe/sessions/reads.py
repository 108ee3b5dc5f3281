"""Reading a Session and its PaymentIntent. Stripe does not link a PaymentIntent back to
its Session, so the read binds it to the Session or Link (``gateway_object_id``)."""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.intents.read import read_intent


async def read_session(client: stripe.StripeClient, session_id: str) -> dict[str, Any]:
    return as_dict(await stripe_call(client.v1.checkout.sessions.retrieve_async, session_id))


async def read_session_payment(
    client: stripe.StripeClient, session_id: str
) -> PaymentSnapshot | None:
    """The session's PaymentIntent, bound to the session or to the Link that opened it."""
    session = await read_session(client, session_id)
    pi_id = session.get("payment_intent")
    if not pi_id:
        return None
    bound_to = session.get("payment_link") or session["id"]
    return await read_intent(client, str(pi_id), bound_to=str(bound_to))
