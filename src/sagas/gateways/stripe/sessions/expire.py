"""Expiring an open Session (idempotent; one no longer open is left alone)."""

from __future__ import annotations

import stripe

from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.sessions.reads import read_session


async def expire_session(client: stripe.StripeClient, session_id: str) -> str:
    session = await read_session(client, session_id)
    if session.get("status") != "open":
        return str(session.get("status"))
    try:
        session = as_dict(
            await stripe_call(
                client.v1.checkout.sessions.expire_async,
                session_id,
                options={"idempotency_key": f"expire-{session_id}"},
            )
        )
    except PermanentGatewayError:
        session = await read_session(client, session_id)
    return str(session.get("status"))
